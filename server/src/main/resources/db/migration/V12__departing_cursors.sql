-- A device removed from a conversation's group keeps its cursor until it has received what was
-- sent while it was a leaf: until_seq is the sequence number of the commit that removed it (null
-- for current leaves). Its connection delivers up to there and no further; once the device
-- acknowledges it, the row goes. Same SQL for SQLite and PostgreSQL.
ALTER TABLE device_cursors ADD COLUMN until_seq BIGINT;
-- When it was removed: a device that never comes back is forgotten after the retention TTL.
ALTER TABLE device_cursors ADD COLUMN departed_at BIGINT;

-- Key visibility asks whether two accounts have devices in a common conversation (a device
-- still departing must check the credentials in the commits it is catching up on).
CREATE INDEX device_cursors_by_account ON device_cursors (account_id, conversation_id);
