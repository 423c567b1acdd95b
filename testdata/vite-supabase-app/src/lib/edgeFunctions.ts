// Calls our Supabase edge functions directly with fetch (streaming responses).
const FUNCTIONS_URL = "https://bhebgshlbadcxsvbyety.supabase.co/functions/v1";
const serviceKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImJoZWJnc2hsYmFkY3hzdmJ5ZXR5Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.m9qL0mIoENbmzEQ3LwmTNlyhrFnKQyXX2LXNXx9NfmW"; // ok: secrets/hardcoded-credential

export async function streamRecipeIdeas(accessToken: string, pantry: string[]): Promise<ReadableStream<Uint8Array> | null> {
  const res = await fetch(`${FUNCTIONS_URL}/recipe-ideas`, {
    method: "POST",
    headers: {
      apikey: serviceKey,
      Authorization: `Bearer ${accessToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ pantry }),
  });
  return res.body;
}
