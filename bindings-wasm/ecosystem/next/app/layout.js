// Next.js (app router), no configuration: the root layout.
export const metadata = { title: 'nidan in Next.js' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
