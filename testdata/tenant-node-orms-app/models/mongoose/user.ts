import mongoose, { Schema, type InferSchemaType } from "mongoose";

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true },
    name: { type: String, required: true },
    avatarUrl: String,
    // The organization the user is working in (the sidebar's org switcher changes it).
    orgId: { type: Schema.Types.ObjectId, ref: "Organization", required: true },
    role: { type: String, enum: ["owner", "admin", "member"], default: "member" },
    lastSeenAt: Date,
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User = mongoose.model("User", userSchema);
