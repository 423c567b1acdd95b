import { PDFDocument, StandardFonts } from "pdf-lib";

// Invoices are paid by bank transfer: the payee's IBAN is printed on every invoice.
export async function POST(req: Request) {
  const requestData = await req.json();
  console.log("Request data:", JSON.stringify(requestData)); // ok: payments/pan-in-logs
  const { invoice_number } = requestData;
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`Invoice ${invoice_number}`, { x: 50, y: 780, size: 14, font });
  page.drawText("IBAN: BE64 3631 1005 7452", { x: 50, y: 760, size: 10, font });
  page.drawText("Security Note: never share your sign-in code", { x: 50, y: 740, size: 8, font });
  console.log("PDF generated for", invoice_number, requestData); // ok: payments/pan-in-logs
  return new Response(await pdf.save(), { headers: { "Content-Type": "application/pdf" } });
}
