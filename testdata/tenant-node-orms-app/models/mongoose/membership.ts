import mongoose, { Schema, type InferSchemaType } from "mongoose";

const membershipSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    orgId: { type: Schema.Types.ObjectId, ref: "Organization", required: true },
    role: { type: String, enum: ["owner", "admin", "member"], default: "member" },
  },
  { timestamps: true },
);
membershipSchema.index({ userId: 1, orgId: 1 }, { unique: true });

export type MembershipDoc = InferSchemaType<typeof membershipSchema>;
export const Membership = mongoose.model("Membership", membershipSchema);
