import { listAnnouncementReaders, textReader } from "@/app/actions/announcements";

export async function readersOf(restaurantId: string) {
  return listAnnouncementReaders(restaurantId);
}

export const sendReaderText = (userId: string, message: string) => textReader(userId, message);
