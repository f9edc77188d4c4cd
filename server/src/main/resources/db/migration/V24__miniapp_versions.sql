-- Mini-program bundles: one row per uploaded version, one per file in it. Versions are immutable
-- once stored; only their review status changes. The files' bytes live on disk, content-addressed
-- by SHA-256 under <dataDir>/miniapp-files, so the rows list what each version holds.
CREATE TABLE miniapp_versions (
  app_id TEXT NOT NULL REFERENCES miniapps (app_id),
  code BIGINT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT,
  color_scheme TEXT NOT NULL,
  permissions_json TEXT NOT NULL,
  bundle_bytes BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  released_at BIGINT,
  PRIMARY KEY (app_id, code)
);

CREATE INDEX miniapp_versions_status ON miniapp_versions (status, created_at);

CREATE TABLE miniapp_version_files (
  app_id TEXT NOT NULL,
  code BIGINT NOT NULL,
  path TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  PRIMARY KEY (app_id, code, path),
  FOREIGN KEY (app_id, code) REFERENCES miniapp_versions (app_id, code)
);
