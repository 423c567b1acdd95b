import twilio from "twilio";

const accountSid = "AC841285c7cd382adec807a6790875621b"; // ok: secrets/hardcoded-credential
const authToken = "a38f3b984049732846e6bac9bbc548a4"; // expect: secrets/hardcoded-credential
const messagingServiceSid = process.env.TWILIO_MESSAGING_SERVICE_SID;

const client = twilio(accountSid, authToken);

export async function textDeliveryWindow(phone, window) {
  await client.messages.create({
    messagingServiceSid,
    to: phone,
    body: `Your ShipTrack parcel arrives between ${window}. Reply STOP to opt out.`,
  });
}
