-- A reviewed evidence version is a record: nothing changes it afterwards (a correction is a new version).
CREATE TRIGGER evidence_versions_reviewed_immutable BEFORE UPDATE ON evidence_versions
WHEN OLD.review_status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a reviewed evidence version cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER evidence_versions_no_delete BEFORE DELETE ON evidence_versions
WHEN OLD.review_status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a reviewed evidence version cannot be deleted');
END;
