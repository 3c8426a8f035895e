/**
 * A link that opens directions to a street address: Google Maps' documented cross-platform URL
 * (https://developers.google.com/maps/documentation/urls/get-started). On a phone it opens the
 * Maps app when installed, elsewhere the web page, and the route starts from where the person is.
 * A `geo:` URI was not chosen: RFC 5870 only carries coordinates (the `?q=address` form is an
 * Android convention) and desktop browsers open nothing with it.
 */
export function directionsUrl(address: string): string {
  const url = new URL('https://www.google.com/maps/dir/');
  url.searchParams.set('api', '1');
  url.searchParams.set('destination', address.trim());
  return url.toString();
}
