create table wallet_cards (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  card_number varchar(19) not null, -- expect: payments/pan-storage
  card_last4 char(4) not null, -- ok: payments/pan-storage
  cvv varchar(4), -- expect: payments/pan-storage
  provider_token text not null -- ok: payments/pan-storage
);

alter table wallet_cards add column if not exists card_expiry text; -- ok: payments/pan-storage
alter table wallet_cards add column cvc2 text; -- expect: payments/pan-storage

-- India: a business's tax Permanent Account Number, not a card
create table tax_profiles (
  id uuid primary key,
  pan text, -- ok: payments/pan-storage
  gstin text
);

-- a function's result columns are not stored anywhere
create or replace function claim_card(p_campaign_id uuid)
returns table (
  card_id uuid,
  card_number text, -- ok: payments/pan-storage
  card_value numeric
) language sql as $$ select id, card_number, card_value from wallet_cards limit 0 $$;
