// The stylesheet of pressa.cgi's pages, kept apart from the code that
// renders them (html_renderer.cc).
#ifndef PRESSA_SEARCHER_HTML_STYLE_H_
#define PRESSA_SEARCHER_HTML_STYLE_H_

#include <string_view>

namespace pressa {

// Inline so the page needs no second request and no external resource; the
// CSP allows this one stylesheet by its hash, nothing else.
inline constexpr std::string_view kPageCss = R"CSS(
:root{--fg:#1d2330;--muted:#5d6675;--line:#e3e6eb;--bg:#fff;--soft:#f4f6f9;--accent:#1f5fbf;--mark:#ffe98a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.top{background:var(--soft);border-bottom:1px solid var(--line);padding:12px 16px}
.top-in,.layout,.foot{max-width:1100px;margin:0 auto}
.logo{font-weight:700;font-size:20px;color:var(--fg);margin-right:12px}
.search{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:8px}
.search .q{flex:1 1 200px;min-width:0;padding:9px 12px;font-size:17px;border:1px solid #b9c0cb;border-radius:6px}
.search button{padding:9px 18px;font-size:16px;border:0;border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
.opts{display:flex;flex-wrap:wrap;gap:8px 16px;width:100%;font-size:14px;color:var(--muted)}
.opts input,.opts select{font:inherit;padding:3px 6px;border:1px solid #b9c0cb;border-radius:4px;background:#fff}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 260px;gap:24px;padding:16px}
.facets section{margin-bottom:18px}
.facets h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 6px}
.facets ul{list-style:none;margin:0;padding:0}
.facets li{display:flex;justify-content:space-between;gap:8px;font-size:14px;padding:2px 0}
.facets li a{overflow-wrap:anywhere}.facets .on a{font-weight:700}
.n{color:var(--muted);font-variant-numeric:tabular-nums}
.facets details summary{cursor:pointer;font-size:13px;color:var(--accent);padding:2px 0}
.count{color:var(--muted);margin:4px 0 12px}
.active{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:10px;font-size:14px}
.chip{display:inline-block;padding:2px 10px;border-radius:999px;background:var(--soft);border:1px solid var(--line);font-size:13px;color:var(--fg)}
.active .chip{background:#e6efff;border-color:#b8cff5}
.chip.org{background:#eef3fc}.chip.person{background:#eef8ef}.chip.place{background:#fdf3e4}
.hits{list-style:none;margin:0;padding:0}
.hit{padding:12px 0;border-bottom:1px solid var(--line)}
.hit h3{font-size:18px;margin:0 0 2px;font-weight:600;overflow-wrap:anywhere}
.meta{font-size:13px;color:var(--muted)}
.snippet{margin:6px 0}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.ents{display:flex;flex-wrap:wrap;gap:4px}
.more{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin-top:6px}
.more summary{cursor:pointer;color:var(--muted)}.more ul{margin:4px 0;padding-left:18px;color:var(--muted)}
.suggest{background:#fff7e0;border:1px solid #f0dca0;padding:8px 12px;border-radius:6px}
.pages{display:flex;flex-wrap:wrap;gap:6px;margin:18px 0}
.pages a,.pages span{padding:4px 10px;border:1px solid var(--line);border-radius:4px;font-size:14px}
.pages [aria-current]{background:var(--accent);color:#fff;border-color:var(--accent)}
.err{background:#fdecec;border:1px solid #f3b5b5;padding:10px 16px;border-radius:6px}
.foot{padding:16px;font-size:13px;color:var(--muted)}
@media (max-width:760px){.layout{grid-template-columns:1fr}.facets{border-top:1px solid var(--line);padding-top:12px}}
)CSS";

}  // namespace pressa

#endif  // PRESSA_SEARCHER_HTML_STYLE_H_
