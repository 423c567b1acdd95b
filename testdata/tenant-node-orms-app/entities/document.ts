import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { Tag } from "./tag";

export type DocumentStatus = "draft" | "in_review" | "published" | "archived";

@Entity("documents")
@Index(["workspaceId", "updatedAt"])
export class Document {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column()
  workspaceId: string;

  @Column({ type: "uuid", nullable: true })
  folderId: string | null;

  @Column()
  authorId: string;

  @Column()
  title: string;

  @Column({ type: "text", default: "" })
  body: string;

  @Column({ type: "varchar", default: "draft" })
  status: DocumentStatus;

  @Column({ type: "timestamptz", nullable: true })
  publishedAt: Date | null;

  @ManyToMany(() => Tag)
  @JoinTable({ name: "document_tags" })
  tags: Tag[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
