-- Checklist progress as the checklist room records it (`checklist::ItemProgress`): statuses use its ids
-- (to_do, in_progress, in_review, done, not_applicable) and its evidence records (template, dates, file,
-- shipment, superseded) are kept as JSON beside the status.
ALTER TABLE checklist_states ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
UPDATE checklist_states SET status = 'to_do' WHERE status = 'todo';
