// A server component that renders a client component, which computes the
// codes in the browser (after hydration, so that no server render stands in).
import Codes from './codes.js';

export default function Page() {
  return <Codes />;
}
