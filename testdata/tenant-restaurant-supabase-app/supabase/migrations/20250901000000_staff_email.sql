-- Staff can be invited by address before they have an account: the address is kept on
-- the staff row until the invite is linked to a user.
alter table public.restaurant_staff add column email text;
