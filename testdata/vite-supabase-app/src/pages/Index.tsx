import { BillingPanel } from "@/components/BillingPanel";
import { UserMenu } from "@/components/UserMenu";

export default function Index() {
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b p-4">
        <span className="font-semibold">PantryPal</span>
        <UserMenu />
      </header>
      <main className="mx-auto max-w-4xl p-6">
        <BillingPanel />
      </main>
    </div>
  );
}
