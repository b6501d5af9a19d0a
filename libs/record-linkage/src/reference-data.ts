import { NICKNAMES } from './nicknames';

// Small built-in lists for the synthetic generator: no downloads, deterministic. The
// overlap between people (same first name, same surname) is deliberate: it is what
// makes matching hard.

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

export const FIRST_NAMES: readonly string[] = [
  ...Object.keys(NICKNAMES).map((name) => name[0]?.toUpperCase() + name.slice(1)),
  ...words(`Anna Maria Laura Sarah Julia Lena Lea Emma Sophie Mia Hannah Lisa Nina Clara Paula
  Marie Greta Ida Frieda Ella Olivia Amelia Isla Ava Grace Chloe Lucy Ruby Emily Jessica Zoë
  Chloé Inès Léa Manon Camille Chiara Giulia Sofia Lucía Martina Carmen Ana Beatriz Inês Agnieszka
  Zofia Katarzyna Ewa Ingrid Astrid Sigrid Freya Aoife Siobhan Niamh Fatima Aisha Layla Yasmin
  Lukas Leon Finn Jonas Paul Felix Max Elias Noah Luis Ben Tim Jan Niklas Moritz Tobias Florian
  Stefan Markus Jürgen Uwe Dieter Klaus Oliver Harry George Jack Oscar Charlie Jacob Ethan Liam
  Lucas Hugo Théo Louis Léo Raphaël Mathéo Marco Luca Matteo Giovanni Alessandro Pablo Álvaro
  Diego Javier João Tiago Piotr Krzysztof Tomasz Lars Erik Nils Sean Ciarán Omar Yusuf Mehmet
  Ahmed Ali Hassan Kenji Hiroshi Wei Jun Raj Arjun Priya Deepak`),
];

export const LAST_NAMES: readonly string[] = words(`Müller Schmidt Schneider Fischer Weber Meyer
  Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz
  Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Schmid
  Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller
  Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson
  Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner
  Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott
  Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson
  Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams
  Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell
  Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins
  Dubois Durand Lefèvre Moreau Laurent Simon Michel Garnier Rousseau Fontaine Rossi Russo Ferrari
  Esposito Bianchi Romano Colombo Ricci Marino Greco García Fernández González Rodríguez López
  Martínez Sánchez Pérez Gómez Díaz Silva Santos Ferreira Pereira Oliveira Costa Nowak Kowalski
  Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Jansen de Vries van den Berg Bakker
  Visser Smit Andersson Johansson Karlsson Nilsson Eriksson Larsson Hansen Nielsen Jensen O'Brien
  O'Connor Murphy-Walsh Yılmaz Kaya Demir Şahin Çelik Nguyen Tran Kim Park Chen Wang Li Zhang Liu
  Yamamoto Tanaka Suzuki Sato Kumar Sharma Gupta`);

export const STREET_NAMES: readonly string[] = words(`Hauptstraße Schulstraße Gartenstraße
  Bahnhofstraße Dorfstraße Bergstraße Birkenweg Lindenstraße Kirchstraße Waldstraße Ringstraße
  Schillerstraße Goethestraße Mühlenweg Rosenweg Amselweg Feldstraße Wiesenweg Poststraße
  Friedhofstraße`).concat([
  'High Street',
  'Station Road',
  'Main Street',
  'Park Road',
  'Church Lane',
  'Victoria Road',
  'Green Lane',
  'Manor Road',
  'Church Street',
  'Mill Lane',
  'Rue de la Paix',
  'Avenue Victor Hugo',
  'Via Roma',
  'Calle Mayor',
  'Rua Augusta',
  'Kerkstraat',
]);

export interface City {
  readonly name: string;
  readonly state: string;
  readonly country: string;
  /** The first postcode digits every address of the city shares. */
  readonly postcodePrefix: string;
}

export const CITIES: readonly City[] = [
  ['Berlin', 'BE', '10'],
  ['Hamburg', 'HH', '20'],
  ['München', 'BY', '80'],
  ['Köln', 'NW', '50'],
  ['Frankfurt am Main', 'HE', '60'],
  ['Stuttgart', 'BW', '70'],
  ['Düsseldorf', 'NW', '40'],
  ['Leipzig', 'SN', '04'],
  ['Dortmund', 'NW', '44'],
  ['Essen', 'NW', '45'],
  ['Bremen', 'HB', '28'],
  ['Dresden', 'SN', '01'],
  ['Hannover', 'NI', '30'],
  ['Nürnberg', 'BY', '90'],
  ['Duisburg', 'NW', '47'],
  ['Bochum', 'NW', '44'],
  ['Wuppertal', 'NW', '42'],
  ['Bielefeld', 'NW', '33'],
  ['Bonn', 'NW', '53'],
  ['Münster', 'NW', '48'],
  ['Mannheim', 'BW', '68'],
  ['Karlsruhe', 'BW', '76'],
  ['Augsburg', 'BY', '86'],
  ['Wiesbaden', 'HE', '65'],
  ['Freiburg im Breisgau', 'BW', '79'],
  ['Kiel', 'SH', '24'],
  ['Rostock', 'MV', '18'],
  ['Erfurt', 'TH', '99'],
  ['Mainz', 'RP', '55'],
  ['Saarbrücken', 'SL', '66'],
].map(([name, state, postcodePrefix]) => ({
  name: name ?? '',
  state: state ?? '',
  country: 'DE',
  postcodePrefix: postcodePrefix ?? '',
}));

export const EMAIL_DOMAINS: readonly string[] = words(
  'gmail.com web.de gmx.de outlook.com yahoo.com t-online.de icloud.com posteo.de mail.de',
);
