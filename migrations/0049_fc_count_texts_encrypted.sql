-- A facility's query about its child counts and the city's answer are free text: a facility may name a child
-- however the page asks it not to, so both are field-encrypted (their length, at most 2,000 characters, is
-- checked before encryption).
ALTER TABLE fc_count_reviews DROP CONSTRAINT fc_count_reviews_query_text_check;
ALTER TABLE fc_count_reviews DROP CONSTRAINT fc_count_reviews_answer_text_check;
ALTER TABLE fc_count_reviews RENAME COLUMN query_text TO query_text_enc;
ALTER TABLE fc_count_reviews RENAME COLUMN answer_text TO answer_text_enc;
