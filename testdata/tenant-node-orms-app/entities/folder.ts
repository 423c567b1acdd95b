import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("folders")
@Index(["workspaceId", "parentId"])
export class Folder {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "workspace_id", type: "uuid" })
  workspaceId: string;

  @Column({ name: "parent_id", type: "uuid", nullable: true })
  parentId: string | null;

  @Column()
  title: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt: Date;
}
