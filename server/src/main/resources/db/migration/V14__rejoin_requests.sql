-- A device that lost its place in a conversation's MLS group (it could not process a commit, or
-- use its Welcome) asks to be added again: set until a commit removes its old leaf and welcomes
-- it anew, which any member may then make. Same SQL for SQLite and PostgreSQL.
ALTER TABLE device_cursors ADD COLUMN rejoin_requested_at BIGINT;
