import type { NextApiRequest, NextApiResponse } from "next";
import { activateLicense } from "../../../lib/licenses";

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect: payments/webhook-unverified
  const payload = req.body;
  if (payload.meta.event_name === "subscription_created") {
    await activateLicense(payload.data.attributes.user_email);
  }
  res.status(200).end();
}
