-- Full-text search over opportunities (title, description, tasks, skills, employer name).
-- drizzle-kit does not model FTS5 virtual tables, so this migration is written by hand.
-- The FTS rowid is opportunities.seq; triggers keep the index in step with every write.
-- `scope` holds one token, `p<hex of tenant id>`, for published rows only, so a search can be
-- narrowed to one tenant's public opportunities inside the FTS index itself.
CREATE VIRTUAL TABLE `opportunities_fts` USING fts5(
  title, description, tasks, skills, employer_name, scope,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ai` AFTER INSERT ON `opportunities` BEGIN
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END
  );
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_au` AFTER UPDATE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END
  );
  UPDATE tenants SET data_version = data_version + 1
    WHERE id IN (old.tenant_id, new.tenant_id)
       OR id IN (SELECT tenant_id FROM opportunity_shares WHERE opportunity_seq = new.seq);
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ad` AFTER DELETE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  UPDATE tenants SET data_version = data_version + 1 WHERE id = old.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `employers_fts_name` AFTER UPDATE OF name ON `employers` BEGIN
  UPDATE opportunities_fts SET employer_name = new.name
    WHERE rowid IN (SELECT seq FROM opportunities WHERE employer_id = new.id);
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunity_shares_ai` AFTER INSERT ON `opportunity_shares` BEGIN
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunity_shares_ad` AFTER DELETE ON `opportunity_shares` BEGIN
  UPDATE tenants SET data_version = data_version + 1 WHERE id = old.tenant_id;
END;
--> statement-breakpoint
-- The list's keyset sorts (newest, deadline). The expressions must match worker/lib/opportunity-query.ts.
CREATE INDEX `opportunities_newest` ON `opportunities` (`tenant_id`, `status`, coalesce(`published_at`, ''), `seq`);
--> statement-breakpoint
CREATE INDEX `opportunities_deadline` ON `opportunities` (`tenant_id`, `status`, coalesce(`application_deadline`, '9999-12-31'), `seq`);
