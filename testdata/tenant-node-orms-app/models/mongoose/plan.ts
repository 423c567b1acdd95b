import mongoose, { Schema, type InferSchemaType } from "mongoose";

// Pricing catalog shown on the public pricing page; shared by every organization.
const planSchema = new Schema({
  name: { type: String, required: true },
  slug: { type: String, required: true, unique: true },
  priceCents: { type: Number, required: true },
  seats: { type: Number, required: true },
  features: [String],
  active: { type: Boolean, default: true },
});

export type PlanDoc = InferSchemaType<typeof planSchema>;
export const Plan = mongoose.model("Plan", planSchema);
