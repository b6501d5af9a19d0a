/** Formal first names and the short forms people give instead (normalised, lowercase). */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  alexander: ['alex', 'sasha', 'xander'],
  alexandra: ['alex', 'sandra', 'sasha'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  benjamin: ['ben', 'benny'],
  catherine: ['cathy', 'kate', 'katie'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davey'],
  deborah: ['debbie', 'deb'],
  edward: ['ed', 'eddie', 'ted'],
  elizabeth: ['liz', 'beth', 'lisa', 'betty'],
  francesca: ['fran', 'chesca'],
  gregory: ['greg'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  johannes: ['hannes', 'jo'],
  jonathan: ['jon', 'jonny'],
  joseph: ['joe', 'joey'],
  katharina: ['kathi', 'kati'],
  margaret: ['maggie', 'meg', 'peggy'],
  matthew: ['matt'],
  michael: ['mike', 'micky'],
  nicholas: ['nick', 'nico'],
  patricia: ['pat', 'patty', 'trish'],
  rebecca: ['becky', 'becca'],
  richard: ['rick', 'dick', 'richie'],
  robert: ['rob', 'bob', 'bobby'],
  samantha: ['sam', 'sammy'],
  stephanie: ['steph'],
  susanne: ['susi', 'sue'],
  thomas: ['tom', 'tommy'],
  victoria: ['vicky', 'tori'],
  william: ['will', 'bill', 'billy'],
  wolfgang: ['wolf'],
};

const canonicalByName = new Map<string, string>();
for (const [formal, shortForms] of Object.entries(NICKNAMES)) {
  canonicalByName.set(formal, formal);
  // A short form shared by two formal names ("alex") keeps the first; good enough for a
  // comparator level that only adds evidence.
  for (const short of shortForms)
    if (!canonicalByName.has(short)) canonicalByName.set(short, formal);
}

/** The formal name a (normalised) first name is a short form of, or the name itself. */
export function canonicalFirstName(name: string): string {
  return canonicalByName.get(name) ?? name;
}
