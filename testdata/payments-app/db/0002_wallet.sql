create table wallet_cards (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  card_number varchar(19) not null, -- expect: payments/pan-storage
  card_last4 char(4) not null, -- ok: payments/pan-storage
  provider_token text not null -- ok: payments/pan-storage
);
