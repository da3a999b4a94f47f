-- Spanish search: the FTS index of 0001 gains the Spanish title and description (columns of
-- 0007), so a search for "enfermería" (or "enfermeria": unicode61 remove_diacritics 2) finds
-- the opportunity whose Spanish title says so, for every viewer. Written by hand (drizzle-kit
-- does not model FTS5). The new columns come after `scope`, so the bm25 weights of the first
-- six stay where they are. The triggers are those of 0006 word for word, with the two columns
-- added; the index is rebuilt from the table (rowid = opportunities.seq).
DROP TRIGGER `employers_fts_name`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `opportunities_fts_au`;
--> statement-breakpoint
DROP TABLE `opportunities_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `opportunities_fts` USING fts5(
  title, description, tasks, skills, employer_name, scope, title_es, description_es,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope, title_es, description_es)
  SELECT o.seq, o.title, o.description,
    (SELECT group_concat(value, ' ') FROM json_each(o.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(o.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(o.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = o.employer_id),
    CASE WHEN o.status = 'published' THEN 'p' || lower(hex(o.tenant_id)) ELSE 'x' END,
    o.title_es, o.description_es
  FROM opportunities o;
--> statement-breakpoint
CREATE TRIGGER `employers_fts_name` AFTER UPDATE OF name ON `employers` BEGIN
  UPDATE opportunities_fts SET employer_name = new.name
    WHERE rowid IN (SELECT seq FROM opportunities WHERE employer_id = new.id);
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ad` AFTER DELETE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  UPDATE tenants SET data_version = data_version + 1 WHERE id = old.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_ai` AFTER INSERT ON `opportunities` BEGIN
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope, title_es, description_es) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END,
    new.title_es, new.description_es
  );
  UPDATE tenants SET data_version = data_version + 1 WHERE id = new.tenant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `opportunities_fts_au` AFTER UPDATE ON `opportunities` BEGIN
  DELETE FROM opportunities_fts WHERE rowid = old.seq;
  INSERT INTO opportunities_fts (rowid, title, description, tasks, skills, employer_name, scope, title_es, description_es) VALUES (
    new.seq, new.title, new.description,
    (SELECT group_concat(value, ' ') FROM json_each(new.tasks)),
    replace((SELECT group_concat(value, ' ') FROM json_each(new.skills)), '_', ' ') || ' ' ||
      coalesce((SELECT group_concat(value, ' ') FROM json_each(new.technical_skills)), ''),
    (SELECT name FROM employers WHERE id = new.employer_id),
    CASE WHEN new.status = 'published' THEN 'p' || lower(hex(new.tenant_id)) ELSE 'x' END,
    new.title_es, new.description_es
  );
  UPDATE tenants SET data_version = data_version + 1
    WHERE id IN (old.tenant_id, new.tenant_id)
       OR id IN (SELECT tenant_id FROM opportunity_shares WHERE opportunity_seq = new.seq);
END;
