import { WebClient } from "@slack/web-api";

// Posts delayed-shipment alerts to the ops channel.
const slack = new WebClient("xoxb-6328021725127-7379446324714-KZ5ZhX19qvX5Gsuu1VUXwSOb"); // expect: secrets/hardcoded-credential

// The founder's user token, used to set the status during incidents.
const founderSlack = new WebClient(
  "xoxp-734487502032-628727030152-3308711699475-04ae08fd9e68c3194d2ef68a33771c5c", // expect: secrets/hardcoded-credential
);

const opsSlack = new WebClient(process.env.SLACK_BOT_TOKEN); // ok: secrets/hardcoded-credential

export async function alertDelayed(shipment) {
  await slack.chat.postMessage({
    channel: "#ops-delays",
    text: `Shipment ${shipment.trackingNumber} is ${shipment.delayHours}h late (${shipment.carrier}).`,
  });
}

export async function setIncidentStatus(text) {
  await founderSlack.users.profile.set({ profile: { status_text: text, status_emoji: ":rotating_light:" } });
}

export async function postDailyDigest(summary) {
  await opsSlack.chat.postMessage({ channel: "#ops", text: summary });
}
