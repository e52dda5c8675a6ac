// Phrase and NEAR constraints checked on each candidate's position value.
#include "searcher/positional.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "core/positions.h"
#include "core/schema.h"

namespace pressa {

// What the position filters of one search share: the position value of the
// document read last (the phrases and proximity boosts of a query mostly check
// the same candidates, one after the other), and each shard's NativeTerms.
class PositionContext {
 public:
  PositionContext(ShardLayout layout, PositionalScope::NativeLoader load_native)
      : layout_(layout), load_native_(std::move(load_native)) {}
  bool remote() const {
    return layout_ == ShardLayout::kRemoteShards || layout_ == ShardLayout::kLocalAndRemote;
  }
  bool merged_shards() const { return layout_ == ShardLayout::kLocalShards; }
  bool local_and_remote() const { return layout_ == ShardLayout::kLocalAndRemote; }
  // True if every term has Xapian positions in the database (in each shard).
  bool AllNative(const std::vector<std::vector<std::string>>& parts) {
    const NativeLists* lists = Lists();
    const positions::NativeTerms* native = lists == nullptr ? nullptr : lists->all.get();
    if (native == nullptr) return false;
    for (const auto& terms : parts) {
      for (const std::string& t : terms) {
        if (!native->Contains(t)) return false;
      }
    }
    return true;
  }

  // The document's position value, read with `values` (which must not have
  // passed `did`) unless already here; null if it has none or it is malformed.
  const positions::View* Get(const std::string& shard, Xapian::docid did,
                             Xapian::ValueIterator* values, const Xapian::ValueIterator& end) {
    if (did == did_ && shard == shard_) return ok_ ? &view_ : nullptr;
    shard_ = shard;
    did_ = did;
    ok_ = false;
    if (*values == end || !values->check(did)) return nullptr;
    if (*values == end || values->get_docid() != did) return nullptr;
    value_ = **values;
    ok_ = view_.Parse(value_);
    return ok_ ? &view_ : nullptr;
  }

  // The shard's terms with Xapian positions: the searcher's list (for a
  // single database, or the shard's own over merged shards), else read from
  // the shard once.
  std::shared_ptr<const positions::NativeTerms> Native(const std::string& shard,
                                                      const Xapian::Database& db) {
    if (const NativeLists* lists = Lists()) {
      auto known = lists->by_shard.find(shard);
      if (known != lists->by_shard.end()) return known->second;
      if (!merged_shards() && lists->all != nullptr) return lists->all;
    }
    auto& slot = native_[shard];
    if (slot == nullptr) {
      slot = std::make_shared<positions::NativeTerms>(
          positions::NativeTerms::Decode(db.get_metadata(schema::kMetaNativePositions)));
    }
    return slot;
  }

 private:
  // The loader's answer, asked for on the first positional query only: a
  // search without one (and every CGI request without one) never reads it.
  const NativeLists* Lists() {
    if (load_native_) {
      lists_ = load_native_();
      load_native_ = nullptr;
    }
    return lists_.get();
  }

  ShardLayout layout_;
  PositionalScope::NativeLoader load_native_;
  std::shared_ptr<const NativeLists> lists_;
  std::string shard_;
  Xapian::docid did_ = 0;
  bool ok_ = false;
  std::string value_;
  positions::View view_;
  std::map<std::string, std::shared_ptr<const positions::NativeTerms>> native_;
};

namespace {

thread_local std::shared_ptr<PositionContext> current_context;

// More choices of terms than this are checked together by one filter.
constexpr size_t kMaxCombinations = 8;

// Matches the documents whose position value has the parts in phrase or NEAR
// order: Xapian checks the candidates of the AND of the parts with check().
class PositionFilter : public Xapian::PostingSource {
 public:
  PositionFilter(std::vector<std::vector<std::string>> parts, bool ordered, unsigned window,
                 std::shared_ptr<PositionContext> context)
      : parts_(std::move(parts)),
        ordered_(ordered),
        // Xapian widens a window narrower than the parts to fit them.
        window_(std::max<unsigned>(window, static_cast<unsigned>(parts_.size()))),
        context_(std::move(context)) {
    for (const auto& terms : parts_) {
      std::vector<uint32_t> hashes;
      for (const std::string& t : terms) hashes.push_back(positions::TermHash(t));
      hashes_.push_back(std::move(hashes));
    }
    found_.resize(parts_.size());
    // Parts of the same words form one group that needs as many positions.
    need_.assign(parts_.size(), 0);
    for (size_t i = 0; i < parts_.size(); ++i) {
      size_t g = i;
      for (size_t j = 0; j < i && g == i; ++j) {
        if (group_.size() > j && group_[j] == j && SameWords(j, i)) g = j;
      }
      group_.push_back(g);
      if (g == i) ++groups_;
      ++need_[g];
    }
  }

  bool SameWords(size_t a, size_t b) const {
    std::vector<uint32_t> x = hashes_[a], y = hashes_[b];
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    return x == y;
  }

  PositionFilter* clone() const override {
    return new PositionFilter(parts_, ordered_, window_, context_);
  }
  std::string name() const override { return "pressa.PositionFilter"; }

  void init(const Xapian::Database& db) override {
    shard_ = db.get_uuid();
    std::shared_ptr<const positions::NativeTerms> native = context_->Native(shard_, db);
    native_.clear();
    postings_.clear();
    for (const auto& terms : parts_) {
      std::vector<bool> flags;
      std::vector<Xapian::PostingIterator> postings;
      for (const std::string& t : terms) {
        flags.push_back(native->Contains(t));
        postings.push_back(db.postlist_begin(t));
      }
      native_.push_back(std::move(flags));
      postings_.push_back(std::move(postings));
    }
    // Read only when needed: the position values for a term without Xapian
    // positions, the leading part when Xapian asks this source to find
    // matches itself (it mostly checks the candidates of the AND). Over a
    // stub each costs reads in every shard.
    db_ = db;
    values_open_ = false;
    lead_ = kNoLead;
    doccount_ = db.get_doccount();
    current_ = 0;
    at_end_ = false;
    set_maxweight(0);
  }

  // An upper bound so that the AND of the parts, never this, leads the match.
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }

  void next(double) override { Advance(current_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (did > current_) Advance(did);
  }
  bool check(Xapian::docid did, double) override {
    current_ = did;
    return Matches(did);  // false leaves us before did + 1: next() goes on from there
  }
  bool at_end() const override { return at_end_; }
  Xapian::docid get_docid() const override { return current_; }

  std::string get_description() const override {
    return std::string("pressa.PositionFilter(") + (ordered_ ? "phrase" : "near") + ", " +
           std::to_string(parts_.size()) + " parts, window " + std::to_string(window_) + ")";
  }

 private:
  // Moves to the first matching document at or after `did`.
  void Advance(Xapian::docid did) {
    if (lead_ == kNoLead) {
      // The part with the fewest postings.
      Xapian::doccount best = 0;
      for (size_t i = 0; i < parts_.size(); ++i) {
        Xapian::doccount freq = 0;
        for (const std::string& t : parts_[i]) freq += db_.get_termfreq(t);
        if (i == 0 || freq < best) best = freq, lead_ = i;
      }
    }
    while (true) {
      Xapian::docid candidate = 0;
      // The part's own iterators: Matches() then finds them at the candidate.
      for (Xapian::PostingIterator& it : postings_[lead_]) {
        if (it == Xapian::PostingIterator()) continue;
        it.skip_to(did);
        if (it != Xapian::PostingIterator() && (candidate == 0 || *it < candidate)) {
          candidate = *it;
        }
      }
      if (candidate == 0) {
        at_end_ = true;
        return;
      }
      if (Matches(candidate)) {
        current_ = candidate;
        return;
      }
      did = candidate + 1;
    }
  }

  bool Matches(Xapian::docid did) {
    const positions::View* doc = nullptr;
    bool doc_read = false;
    for (size_t i = 0; i < parts_.size(); ++i) {
      // A part of several terms (a word and its acronym) takes the union.
      std::vector<unsigned>& list = found_[i];
      list.clear();
      size_t lists = 0;
      for (size_t j = 0; j < parts_[i].size(); ++j) {
        // The term's own posting list says whether the document has it, and
        // reads Xapian positions term by term, as Xapian's phrases do.
        Xapian::PostingIterator& it = postings_[i][j];
        if (it == Xapian::PostingIterator()) continue;
        it.skip_to(did);
        if (it == Xapian::PostingIterator() || *it != did) continue;
        size_t before = list.size();
        if (native_[i][j]) {
          for (Xapian::PositionIterator p = it.positionlist_begin(); p != it.positionlist_end();
               ++p) {
            list.push_back(*p);
          }
        } else {
          if (!doc_read) {
            if (!values_open_) {
              values_ = db_.valuestream_begin(schema::kSlotPositions);
              values_end_ = db_.valuestream_end(schema::kSlotPositions);
              values_open_ = true;
            }
            doc = context_->Get(shard_, did, &values_, values_end_);
            doc_read = true;
          }
          if (doc != nullptr) doc->Find(hashes_[i][j], &list);
        }
        if (list.size() > before) ++lists;
      }
      if (list.empty()) return false;
      if (lists > 1) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
      }
    }
    return ordered_ ? PhraseMatch() : NearMatch();
  }

  // Positions p0 < p1 < ... of the parts in order, spanning at most window_.
  bool PhraseMatch() {
    at_.assign(found_.size(), 0);
    for (unsigned first : found_[0]) {
      unsigned last = first;
      for (size_t i = 1; i < found_.size(); ++i) {
        const std::vector<unsigned>& list = found_[i];
        while (at_[i] < list.size() && list[at_[i]] <= last) ++at_[i];
        if (at_[i] == list.size()) return false;  // a later start cannot do better
        last = list[at_[i]];
      }
      if (last - first < window_) return true;
    }
    return false;
  }

  // One position of every part, in any order, spanning at most window_; a
  // word asked for twice needs two of its positions, as in Xapian.
  bool NearMatch() {
    events_.clear();
    for (size_t i = 0; i < found_.size(); ++i) {
      if (group_[i] != i) continue;  // the same words as an earlier part
      for (unsigned pos : found_[i]) events_.emplace_back(pos, i);
    }
    std::sort(events_.begin(), events_.end());
    counts_.assign(found_.size(), 0);
    size_t groups_covered = 0, left = 0;
    for (size_t right = 0; right < events_.size(); ++right) {
      size_t g = events_[right].second;
      if (++counts_[g] == need_[g]) ++groups_covered;
      while (groups_covered == groups_) {
        if (events_[right].first - events_[left].first < window_) return true;
        size_t h = events_[left].second;
        if (counts_[h]-- == need_[h]) --groups_covered;
        ++left;
      }
    }
    return false;
  }

  std::vector<std::vector<std::string>> parts_;
  std::vector<std::vector<uint32_t>> hashes_;
  std::vector<std::vector<bool>> native_;  // per part and term: Xapian positions (this shard)
  std::vector<std::vector<Xapian::PostingIterator>> postings_;  // per part and term
  bool ordered_;
  unsigned window_;
  std::shared_ptr<PositionContext> context_;

  std::string shard_;
  static constexpr size_t kNoLead = static_cast<size_t>(-1);
  Xapian::Database db_;  // the shard
  bool values_open_ = false;
  Xapian::ValueIterator values_, values_end_;
  size_t lead_ = kNoLead;  // the part that proposes candidates in Advance()
  Xapian::doccount doccount_ = 0;
  Xapian::docid current_ = 0;
  bool at_end_ = false;
  std::vector<std::vector<unsigned>> found_;  // per part, ascending
  std::vector<size_t> at_;
  std::vector<size_t> group_;  // per part: the first part with the same words
  std::vector<size_t> need_;   // per group: how many parts it stands for
  size_t groups_ = 0;
  std::vector<std::pair<unsigned, size_t>> events_;
  std::vector<unsigned> counts_;
};

// The extra alternative of MaxQuery over local databases: weight 0, and one
// document id, one past the shard's last, so that it ends after every real
// alternative. Never sent to a remote shard (MaxQuery uses it only when
// there is none).
class MaxKeeper : public Xapian::PostingSource {
 public:
  MaxKeeper* clone() const override { return new MaxKeeper; }
  std::string name() const override { return "pressa.MaxKeeper"; }
  void init(const Xapian::Database& db) override {
    past_last_ = db.get_lastdocid() + 1;
    at_ = 0;
    at_end_ = false;
    set_maxweight(0);
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return 0; }
  Xapian::doccount get_termfreq_max() const override { return 1; }
  void next(double) override {
    if (at_ == 0) {
      at_ = past_last_;
    } else {
      at_end_ = true;
    }
  }
  void skip_to(Xapian::docid did, double) override {
    if (did <= past_last_) {
      at_ = past_last_;
    } else {
      at_end_ = true;
    }
  }
  bool at_end() const override { return at_end_; }
  Xapian::docid get_docid() const override { return at_; }
  std::string get_description() const override { return "pressa.MaxKeeper"; }

 private:
  Xapian::docid past_last_ = 0;
  Xapian::docid at_ = 0;
  bool at_end_ = false;
};

// A query that matches at least what `q` matches, and only documents of the
// database, read from posting lists alone where `q` tests positions: a
// phrase or NEAR becomes the AND of its parts, a posting source beside other
// parts of an AND or FILTER is left out (the position filters), and
// MaxQuery's keeper matches nothing.
Xapian::Query Relaxed(const Xapian::Query& q) {
  const size_t n = q.get_num_subqueries();
  std::vector<Xapian::Query> subs;
  switch (q.get_type()) {
    case Xapian::Query::LEAF_POSTING_SOURCE:
      return IsMaxKeeper(q) ? Xapian::Query::MatchNothing : q;
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR:
      for (size_t i = 0; i < n; ++i) subs.push_back(Relaxed(q.get_subquery(i)));
      return Xapian::Query(Xapian::Query::OP_AND, subs.begin(), subs.end());
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_SYNONYM: {
      const bool conjunction =
          q.get_type() == Xapian::Query::OP_AND || q.get_type() == Xapian::Query::OP_FILTER;
      for (size_t i = 0; i < n; ++i) {
        Xapian::Query sub = q.get_subquery(i);
        if (conjunction && sub.get_type() == Xapian::Query::LEAF_POSTING_SOURCE &&
            !IsMaxKeeper(sub)) {
          continue;
        }
        subs.push_back(Relaxed(sub));
      }
      if (subs.empty()) return q;  // only posting sources: kept as they are
      return Xapian::Query(conjunction ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, subs.begin(),
                           subs.end());
    }
    default:
      return q;
  }
}

}  // namespace

Xapian::Query MaxQuery(const std::vector<Xapian::Query>& alternatives) {
  if (alternatives.size() >= 2 && current_context != nullptr &&
      current_context->local_and_remote()) {
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  if (alternatives.size() < 2 || current_context == nullptr || current_context->remote()) {
    return Xapian::Query(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
  }
  std::vector<Xapian::Query> kept = alternatives;
  kept.emplace_back((new MaxKeeper)->release());
  return Xapian::Query(
      Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_MAX, kept.begin(), kept.end()),
      Relaxed(Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end())));
}

bool IsMaxKeeper(const Xapian::Query& q) {
  return q.get_type() == Xapian::Query::LEAF_POSTING_SOURCE &&
         q.get_description() == "Query(PostingSource(pressa.MaxKeeper))";
}

Xapian::Query WholeMaxQuery(const Xapian::Query& q) {
  if (current_context == nullptr || current_context->merged_shards() ||
      current_context->remote() || q.get_type() != Xapian::Query::OP_FILTER ||
      q.get_num_subqueries() != 2) {
    return q;
  }
  const Xapian::Query max = q.get_subquery(0);
  const size_t n = max.get_num_subqueries();
  if (max.get_type() != Xapian::Query::OP_MAX || n < 3 || !IsMaxKeeper(max.get_subquery(n - 1))) {
    return q;
  }
  std::vector<Xapian::Query> alternatives;
  for (size_t i = 0; i + 1 < n; ++i) alternatives.push_back(max.get_subquery(i));
  return Xapian::Query(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
}

PositionalScope::PositionalScope(ShardLayout layout, NativeLoader native)
    : previous_(std::move(current_context)) {
  current_context = std::make_shared<PositionContext>(layout, std::move(native));
}

PositionalScope::~PositionalScope() { current_context = std::move(previous_); }

namespace {

std::vector<std::vector<std::string>> PartTerms(const std::vector<Xapian::Query>& parts) {
  std::vector<std::vector<std::string>> terms;
  for (const Xapian::Query& part : parts) {
    terms.emplace_back(part.get_unique_terms_begin(), part.get_unique_terms_end());
  }
  return terms;
}

}  // namespace

Xapian::Query ProximityBoostQuery(const Xapian::Database& db,
                                  const std::vector<Xapian::Query>& parts, unsigned window) {
  const double min_df = positions::NativeTerms::kNativeShare * db.get_doccount();
  for (const auto& terms : PartTerms(parts)) {
    for (const std::string& t : terms) {
      if (db.get_termfreq(t) < min_df) return Xapian::Query();
    }
  }
  return PositionalQuery(Xapian::Query::OP_NEAR, parts, window);
}

Xapian::Query PositionalQuery(Xapian::Query::op op, const std::vector<Xapian::Query>& parts,
                              unsigned window) {
  std::shared_ptr<PositionContext> context =
      current_context != nullptr ? current_context
                                 : std::make_shared<PositionContext>(ShardLayout::kOne, nullptr);
  if (parts.size() < 2) return Xapian::Query(op, parts.begin(), parts.end(), window);
  std::vector<std::vector<std::string>> terms = PartTerms(parts);
  size_t combinations = 1;
  for (const auto& alternatives : terms) {
    if (alternatives.empty()) return Xapian::Query(op, parts.begin(), parts.end(), window);
    combinations *= alternatives.size();
  }
  // Xapian's own operator where every term has Xapian positions, and over
  // remote shards (the stock xapian-tcpsrv knows only Xapian's operators, and
  // a remote shard is built with --positions); else the AND of the parts
  // filtered by their positions. Both weigh as the AND of the parts.
  auto positional = [&](std::vector<std::vector<std::string>> some_terms,
                        const std::vector<Xapian::Query>& some_parts) {
    if (context->remote() || context->AllNative(some_terms)) {
      return Xapian::Query(op, some_parts.begin(), some_parts.end(), window);
    }
    auto* filter = new PositionFilter(std::move(some_terms), op == Xapian::Query::OP_PHRASE,
                                      window, context);
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_AND, some_parts.begin(),
                                       some_parts.end()),
                         Xapian::Query(filter->release()));
  };
  if (combinations == 1 || combinations > kMaxCombinations) return positional(terms, parts);
  // A part with alternatives ("санкт" or the acronym "САНКТ"): one phrase per
  // choice of terms, so that the choices of frequent words alone get Xapian's
  // operator, which reads their positions term by term. OP_MAX: an article
  // with both alternatives weighs as with one. Every index splits the phrase
  // so, whichever of its terms have Xapian positions: one index, shards with
  // other lists of them and remote shards weigh an article alike.
  std::vector<Xapian::Query> choices;
  std::vector<size_t> pick(terms.size(), 0);
  for (size_t c = 0; c < combinations; ++c) {
    std::vector<std::vector<std::string>> one;
    std::vector<Xapian::Query> one_parts;
    for (size_t i = 0; i < terms.size(); ++i) {
      one.push_back({terms[i][pick[i]]});
      one_parts.emplace_back(terms[i][pick[i]]);
    }
    choices.push_back(positional(std::move(one), one_parts));
    for (size_t i = 0; i < pick.size() && ++pick[i] == terms[i].size(); ++i) pick[i] = 0;
  }
  return MaxQuery(choices);
}

}  // namespace pressa
