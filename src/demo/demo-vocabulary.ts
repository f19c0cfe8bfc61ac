/**
 * The words the invented real-estate business is made of: agency names are combined from these
 * parts, users from the first and last names, tickets from the subjects. Each list's slugs are
 * unique and no slug appears in two lists, so combined names and domains never collide.
 */

/** Family names that lead an agency's name ("Derras Real Estate") or pair up ("Hartley & Marsh"). */
export const SURNAMES = listOf(`
  Derras, Hartley, Whitmore, Ashby, Pemberton, Kingsley, Fairfax, Holloway, Thornton, Marsh,
  Bramwell, Calloway, Dunmore, Ellison, Fenwick, Garrick, Hadley, Ingram, Jarvis, Kendrick,
  Langford, Mayhew, Norland, Oakley, Prescott, Quinlan, Radcliffe, Sherwood, Tolland,
  Underwood, Vance, Waverley, Yardley, Abbott, Beckett, Carrow, Draycott, Everett, Fletcher,
  Goodwin, Harcourt, Iverson, Jennings, Keane, Lockhart, Mortimer, Nash, Osborne, Palmer,
  Redfern, Sinclair, Templeton, Upton, Vaughan, Winslow, Aldridge, Blackwood, Chambers,
  Davenport, Eastwood, Forsyth, Gilmore, Hawthorne, Irving, Kirkland, Lowry, Merriman, Newbold,
  Ormsby, Pickering, Rowntree, Stanhope, Trelawney, Varley, Wetherby, Ackroyd, Bellamy,
  Cresswell, Dalton, Elwood, Farrow, Gresham, Hollis, Kettering, Linley, Maddox, Nuttall,
  Ogden, Parrish, Rainsford, Savile, Thackeray, Verity, Walden, Ainsworth, Barrington,
  Cartwright, Denholm, Esmond, Fairbairn, Galloway, Haskins, Kilbride, Lambert, Montague,
  Nightingale, Okafor, Patel, Rahman, Sandhu, Tan, Ucheoma, Varga, Wojcik, Achebe, Bianchi,
  Costa, Delgado, Eriksen, Fitzgerald, Gallagher, Hussain, Iqbal, Kowalski, Lindqvist, Moreau,
  Novak, O'Brien, Petrov, Rossi, Schofield, Tiernan, Castellano, Whitfield, Brennan, Crowther,
  Dunlop, Etheridge, Fincham, Goldsmith, Hebden, Jessop, Kenyon, Loxley, Mallory, Northcote,
  Ridley
`);

/** Place-like leads ("Harbour View Lettings"). */
export const PLACES = listOf(`
  Harbour View, Oak Tree, Riverside, Parkside, Castle Gate, Meadow Lane, Northgate,
  Bridgewater, Kingsway, Old Town, Hillcrest, Elm Grove, Marina, Cathedral Close, Westbrook,
  Southgate, Abbeyfield, Greenacre, Millstream, Stonebridge, Willowbank, Foxglove, Heathside,
  Lakeside, Orchard, Quayside, Redbrick, Silverdale, Three Counties, Vale, Wharfside, Beacon,
  Chapel Street, Dovecote, Fairview, Granary, High Street, Ivy House, Jubilee, Keystone,
  Lighthouse, Market Square, Newhaven, Old Mill, Primrose, Rosewood, Station Road, Tollgate,
  Unity, Village Green, Waterside, Yew Tree, Cornerstone, Blue Door, Front Door, Open House,
  Red Kite, Sandstone, Clocktower, Harrowgate Hill
`);

/** What kind of agency it is; `slug` is how the name reads in a domain. */
export const AGENCY_TYPES = [
  { label: "Real Estate", slug: "realestate" },
  { label: "Estate Agents", slug: "estateagents" },
  { label: "Lettings", slug: "lettings" },
  { label: "Property", slug: "property" },
  { label: "Homes", slug: "homes" },
  { label: "Estates", slug: "estates" },
  { label: "Residential", slug: "residential" },
  { label: "Property Group", slug: "propertygroup" },
  { label: "Sales & Lettings", slug: "salesandlettings" },
  { label: "Realty", slug: "realty" },
  { label: "Property Management", slug: "propertymanagement" },
  { label: "Land & New Homes", slug: "landandnewhomes" },
] as const;

/** Branch towns, used only when the plain names run out (large benchmark runs). */
export const TOWNS = listOf(`
  Leeds, Bristol, York, Bath, Exeter, Norwich, Chester, Durham, Harrogate, Cheltenham, Reading,
  Oxford, Cambridge, Brighton, Guildford, Winchester, Salisbury, Canterbury, Lincoln,
  Nottingham, Derby, Leicester, Coventry, Birmingham, Manchester, Liverpool, Sheffield,
  Newcastle, Sunderland, Carlisle, Lancaster, Preston, Blackpool, Bolton, Wigan, Stockport,
  Macclesfield, Crewe, Shrewsbury, Hereford, Worcester, Gloucester, Swindon, Taunton, Plymouth,
  Truro, Bournemouth, Poole, Southampton, Portsmouth, Chichester, Horsham, Crawley, Maidstone,
  Tunbridge Wells, Sevenoaks, Dartford, Chelmsford, Colchester, Ipswich, Bury St Edmunds,
  Kings Lynn, Peterborough, Bedford, Luton, Watford, St Albans, Hemel Hempstead, Aylesbury,
  High Wycombe, Milton Keynes, Northampton, Kettering Town, Wellingborough, Rugby, Warwick,
  Stratford, Solihull, Wolverhampton, Walsall, Stafford, Stoke, Buxton, Matlock, Chesterfield,
  Doncaster, Rotherham, Barnsley, Wakefield, Huddersfield, Halifax, Bradford, Skipton, Ripon,
  Whitby, Scarborough, Hull, Beverley, Grimsby, Cardiff, Swansea, Edinburgh, Glasgow, Aberdeen,
  Belfast
`);

/** Parts of a town a second branch names, after the plain town. */
export const DISTRICTS: readonly string[] = ["", "North", "South", "East", "West", "Central"];

export const FIRST_NAMES = listOf(`
  Jane, Tom, Priya, Oliver, Amelia, Harry, Isla, George, Ava, Noah, Mia, Jack, Sophie, Leo,
  Grace, Arthur, Chloe, Oscar, Ruby, Henry, Ella, Charlie, Freya, Theo, Lily, Alfie, Evie,
  Jacob, Poppy, Samuel, Zara, Daniel, Hannah, Mohammed, Aisha, Joseph, Emily, Adam, Imogen,
  Ethan, Lucy, Ryan, Megan, Liam, Nadia, Kieran, Fatima, Marcus, Olivia, Ben, Rosie, Callum,
  Anya, Luke, Holly, Rhys, Katie, Dev, Sana, Connor, Bethany, Aaron, Eleanor, Jamal, Harriet,
  Owen, Alice, Finley, Maya, Reece, Tilly, Dominic, Layla, Gareth, Siobhan, Wei, Ines, Tomasz,
  Kasia
`);

/** The features the product's event tracking names (Matomo category "Feature"). */
export const FEATURES = [
  "listing_created",
  "valuation_report",
  "viewing_booked",
  "offer_logged",
  "portal_published",
  "contract_signed",
  "tenant_referenced",
  "maintenance_job",
] as const;

/** Event names that go with some features; the others leave the name empty. */
export const FEATURE_EVENT_NAMES: Partial<Record<(typeof FEATURES)[number], readonly string[]>> = {
  portal_published: ["Rightmove", "Zoopla", "OnTheMarket"],
  valuation_report: ["PDF", "Email"],
  contract_signed: ["Tenancy agreement", "Sales memorandum"],
};

export const TICKET_SUBJECTS = listOf(`
  Listing not showing on Rightmove, Zoopla feed stopped syncing, Valuation report PDF is blank,
  Cannot add a new negotiator, Viewing confirmations not sent, Question about our invoice,
  Card payment declined, How do I export our landlords?, E-signature link expired,
  Photos upload very slowly, Duplicate contacts after import, Reset two-factor authentication,
  Offer letter template wrong, Tenancy renewal reminders not firing, Need to change plan,
  Branch address wrong on brochures, Calendar sync with Outlook broken,
  Floorplan missing from listing, Maintenance job stuck in draft,
  Training request for new staff, Data protection request, Search results slow,
  Cannot log in after password reset, Report totals do not match
`);

export const TICKET_PIPELINE = "Support Pipeline";

/** The items of a comma-separated list written over several lines. */
function listOf(text: string): readonly string[] {
  return text.split(",").map((item) => item.trim());
}
