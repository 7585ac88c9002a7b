// A server route (Node runtime): the package as Next's server bundle gets it.
import { codes } from '../../../../app/codes.js';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(codes());
}
