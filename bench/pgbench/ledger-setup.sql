-- A plain double-entry ledger for pgbench, to compare with Atrium's ledger on the same machine:
-- accounts with balances and a journal of lines. Run in its own schema (see docs/benchmarks.md).
DROP SCHEMA IF EXISTS pgbench_ledger CASCADE;
CREATE SCHEMA pgbench_ledger;
SET search_path = pgbench_ledger;
CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance_cents BIGINT NOT NULL CHECK (balance_cents >= 0));
CREATE TABLE lines (posting_id BIGINT NOT NULL, account_id BIGINT NOT NULL, amount_cents BIGINT NOT NULL);
CREATE INDEX lines_by_posting ON lines (posting_id);
CREATE INDEX lines_by_account ON lines (account_id);
CREATE SEQUENCE postings;
INSERT INTO accounts SELECT g, 1000000 FROM generate_series(1, 1000) g;
