import mongoose, { Schema, type InferSchemaType } from "mongoose";

// The tenant itself: every other collection points at it through `orgId`.
const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    slug: { type: String, required: true, unique: true, lowercase: true },
    planId: { type: Schema.Types.ObjectId, ref: "Plan" },
    seats: { type: Number, default: 5 },
  },
  { timestamps: true },
);

export type OrganizationDoc = InferSchemaType<typeof organizationSchema>;
export const Organization = mongoose.model("Organization", organizationSchema);
