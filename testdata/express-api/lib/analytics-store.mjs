import { MongoClient } from "mongodb";

// Event store for delivery analytics.
const client = new MongoClient(
  "mongodb+srv://analytics:gM904zQF41gl0wg822@cluster0.x7k2p.mongodb.net/shiptrack?retryWrites=true&w=majority", // expect: secrets/hardcoded-credential
);

export async function recordDeliveryEvent(event) {
  await client.connect();
  await client.db("shiptrack").collection("delivery_events").insertOne({ ...event, at: new Date() });
}
