-- The language a booking was made in, so every notice about it (confirmation, reminder, change,
-- cancellation, closure; e-mail and LINE) is written in that language. Existing bookings were all
-- made before English notices existed and read as Japanese.
ALTER TABLE rsv_reservations ADD COLUMN lang text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en'));

-- Card pickup bookings send completion and reminder mails too.
ALTER TABLE card_net_bookings ADD COLUMN lang text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en'));

-- The language a LINE user chose in the conversation ("English" / "日本語"); NULL until they choose,
-- which reads as Japanese for the bot. Bookings made through the LIFF pages store the page's language.
ALTER TABLE line_users ADD COLUMN lang text CHECK (lang IN ('ja', 'en'));
