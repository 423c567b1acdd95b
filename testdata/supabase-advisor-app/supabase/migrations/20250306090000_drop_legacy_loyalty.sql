drop table if exists public.loyalty_cards;
