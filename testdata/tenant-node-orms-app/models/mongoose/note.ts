import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

const noteSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, ref: "Organization", required: true, index: true },
    projectId: { type: Schema.Types.ObjectId, ref: "Project", required: true },
    authorId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    title: { type: String, required: true },
    body: { type: String, default: "" },
    pinned: { type: Boolean, default: false },
  },
  { timestamps: true },
);
noteSchema.index({ title: "text", body: "text" });

export type NoteDoc = InferSchemaType<typeof noteSchema>;
// Reuse the compiled model when `tsx watch` reloads this module.
export const Note: Model<NoteDoc> = models.Note || model<NoteDoc>("Note", noteSchema);
