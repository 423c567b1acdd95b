import { listAnnouncementReaders } from "@/app/actions/announcements";

export async function readersOf(restaurantId: string) {
  return listAnnouncementReaders(restaurantId);
}
