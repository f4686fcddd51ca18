-- Only items promoted from a retro card have a card: the unique index on it
-- keeps just those, so an import no longer writes one index entry (a NULL)
-- per new item. `retro_card_id = ?` still uses it.
DROP INDEX feedback_by_retro_card;
CREATE UNIQUE INDEX feedback_by_retro_card ON feedback (retro_card_id)
    WHERE retro_card_id IS NOT NULL;
