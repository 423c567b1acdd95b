-- The first saved-cards table, replaced by provider tokens before launch (db/0002_wallet.sql).
-- Kept for history in the archive folder, which `supabase db push` never applies.
create table saved_cards (
  id uuid primary key default gen_random_uuid(),
  card_number text not null, -- ok: payments/pan-storage
  cvv varchar(4) -- ok: payments/pan-storage
);
