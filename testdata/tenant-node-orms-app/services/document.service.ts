import { Service } from "typedi";
import { ILike, In, type Repository } from "typeorm";
import { InjectRepository } from "typeorm-typedi-extensions";
import { Document } from "../entities/document";
import { Tag } from "../entities/tag";
import type { SessionUser } from "../types/express";

@Service()
export class DocumentService {
  constructor(
    @InjectRepository(Document) private readonly documents: Repository<Document>,
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
  ) {}

  // Workspace home: recently edited documents.
  recent(user: SessionUser, take = 20) {
    return this.documents.find({ // ok: tenant/missing-org-filter
      where: { workspaceId: user.orgId, status: In(["draft", "in_review", "published"]) }, // ok: tenant/org-id-from-request
      order: { updatedAt: "DESC" },
      take,
    });
  }

  // Editors' review queue.
  reviewQueue() {
    return this.documents.findBy({ status: "in_review" }); // expect: tenant/missing-org-filter
  }

  myDrafts(user: SessionUser) {
    return this.documents.findBy({ authorId: user.id, status: "draft" }); // ok: tenant/missing-org-filter
  }

  // Callers check doc.workspaceId (see routes/documents.ts).
  byId(id: string) {
    return this.documents.findOne({ where: { id }, relations: { tags: true } }); // ok: tenant/missing-org-filter
  }

  search(user: SessionUser, q: string) {
    const pattern = `%${q}%`;
    return this.documents.find({ // ok: tenant/missing-org-filter
      where: [
        { workspaceId: user.orgId, title: ILike(pattern) }, // ok: tenant/org-id-from-request
        { workspaceId: user.orgId, body: ILike(pattern) }, // ok: tenant/org-id-from-request
      ],
      take: 20,
    });
  }

  async publish(user: SessionUser, id: string) {
    const doc = await this.documents.findOneByOrFail({ id, workspaceId: user.orgId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
    doc.status = "published";
    doc.publishedAt = new Date();
    return this.documents.save(doc);
  }

  async archiveFolderContents(user: SessionUser, folderId: string) {
    const result = await this.documents.update({ folderId, workspaceId: user.orgId }, { status: "archived" }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
    return result.affected ?? 0;
  }

  countByStatus(user: SessionUser, status: Document["status"]) {
    return this.documents.count({ where: { workspaceId: user.orgId, status } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  }

  allTags() {
    return this.tags.find({ order: { label: "ASC" } }); // ok: tenant/missing-org-filter
  }
}
