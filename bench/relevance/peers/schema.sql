-- The PostgreSQL peer: one table, a generated tsvector (russian), GIN + date index.
DROP TABLE IF EXISTS docs;
CREATE TABLE docs (
  id    text PRIMARY KEY,
  date  date NULL,
  title text NOT NULL,
  body  text NOT NULL,
  tsv   tsvector GENERATED ALWAYS AS (to_tsvector('russian', title || ' ' || body)) STORED
);
