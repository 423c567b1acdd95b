// The API docs page shows how a request looks; the keys in it are typed in order, not
// issued by anyone.
export function ApiDocs() {
  const apiKey = "sk-1234567890abcdef1234567890abcdef"; // ok: secrets/hardcoded-credential
  const webhookSecret = "whsec_0123456789abcdefghijklmnopqrstuv"; // ok: secrets/hardcoded-credential
  // a key pasted from the dashboard to try the page out
  const adminApiKey = "sk-9fK2mQ7xR4tW1zB8nV3cL6hJ0pD5sG2a"; // expect: secrets/hardcoded-credential
  return (
    <pre>
      {`curl -H "Authorization: Bearer ${apiKey}" https://api.example.com/v1/chatbots`}
      {webhookSecret}
      {adminApiKey}
    </pre>
  );
}
