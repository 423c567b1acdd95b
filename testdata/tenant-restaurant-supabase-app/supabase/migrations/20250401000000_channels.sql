-- Each restaurant sends WhatsApp messages with its own token.
alter table public.restaurants add column whatsapp_token text;
alter table public.restaurants add column slug text;
