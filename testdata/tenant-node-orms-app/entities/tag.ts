import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

// Global label catalog (shared by every workspace; managed by us, not by customers).
@Entity("tags")
export class Tag {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ unique: true })
  label: string;

  @Column({ default: "#64748b" })
  color: string;
}
