-- PIN checks in progress, kept apart from the wrong tries: a check takes a slot before the
-- slow hash runs, so that parallel guesses never exceed the tries left, yet a right PIN is never
-- counted as a wrong one. checks_started_at (the latest slot taken) lets a node reclaim the
-- slots of checks that a crash abandoned; those count as wrong tries.
ALTER TABLE wallet_pins ADD COLUMN checks_in_flight INTEGER NOT NULL DEFAULT 0;
ALTER TABLE wallet_pins ADD COLUMN checks_started_at BIGINT;
