-- One durable transfer per transaction: debit guarded in SQL, credit, two journal lines.
-- Accounts are locked in id order (LEAST/GREATEST) so concurrent clients never deadlock.
\set a random(1, 1000)
\set b random(1, 1000)
\set amount random(1, 100)
BEGIN;
SELECT id FROM pgbench_ledger.accounts WHERE id IN (LEAST(:a, :b), GREATEST(:a, :b)) ORDER BY id FOR UPDATE;
UPDATE pgbench_ledger.accounts SET balance_cents = balance_cents - :amount WHERE id = :a AND balance_cents >= :amount;
UPDATE pgbench_ledger.accounts SET balance_cents = balance_cents + :amount WHERE id = :b;
INSERT INTO pgbench_ledger.lines VALUES (nextval('pgbench_ledger.postings'), :a, -:amount), (currval('pgbench_ledger.postings'), :b, :amount);
COMMIT;
