// Exact facet counts: a MatchSpy that counts every value of several slots,
// including slots that hold a list of values (several organizations per article).
#ifndef PRESSA_SEARCHER_FACETS_H_
#define PRESSA_SEARCHER_FACETS_H_

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/searcher.h"

namespace pressa {

class FacetSpy : public Xapian::MatchSpy {
 public:
  struct Slot {
    std::string facet;  // "org", "person", "place", "source", "year"
    unsigned slot;
    bool list;          // the slot holds schema::EncodeList values
  };

  // The slots of core/schema.h, under the facet names of SearchResults.
  FacetSpy();

  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(); }
  std::string name() const override { return "pressa.FacetSpy"; }
  std::string serialise() const override { return std::string(); }
  Xapian::MatchSpy* unserialise(const std::string&,
                                const Xapian::Registry&) const override {
    return new FacetSpy();
  }
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;

  // The `limit` largest values of each facet (ties by value), largest first.
  std::map<std::string, std::vector<FacetValue>> Top(int limit) const;

 private:
  std::vector<Slot> slots_;
  std::vector<std::map<std::string, long>> counts_;  // parallel to slots_
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_FACETS_H_
