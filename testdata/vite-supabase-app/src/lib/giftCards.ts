// Shared with the edge functions, which import it from ../../src/lib: it reads the
// key from Deno's environment there; Vite inlines no unprefixed variable.
export function giftCardClient() {
  const secretKey = process.env.GIFT_CARD_SECRET_KEY || Deno.env.get("GIFT_CARD_SECRET_KEY"); // ok: secrets/client-exposed-secret
  return { secretKey };
}
