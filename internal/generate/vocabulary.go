package generate

// The word pools the generator draws from. Lists are ordered from the most to the least common:
// the generator samples them with a Zipf distribution, so the first entries appear in many roles
// and the last in a few, as words do in real job descriptions. Full-text search then meets
// realistic term frequencies: a handful of very common words ("patients", "care"), a long tail
// of rare ones ("sarcoidosis").
//
// Every name here is invented or generic; any likeness to a real organisation is chance.

// kind says which family of sentence templates a profession's roles use.
type kind int

const (
	clinical kind = iota
	scientific
	admin
	estates
	medical
)

// profession is one line of work: where its roles sit (staff group, levels), how their titles
// are built and the words their descriptions use.
type profession struct {
	group string // staff group of registered roles (level 5 and above) or of every role
	// supportGroup is the staff group of the roles below level 5 of a registered profession
	// (their support workers and assistants); "" when the same as group.
	supportGroup string
	name         string // Role.Profession
	field        string // the field's name inside titles: "physiotherapy"
	noun         string // the practitioner: "physiotherapist"
	kind         kind
	minLevel     int
	maxLevel     int
	registered   bool   // registration required from level 5
	regulator    string // named in quality standards and knowledge
	weight       int    // relative share of the roles
	// titles overrides the generic title patterns at some levels.
	titles map[int][]string
	// specialties are added to titles ("Physiotherapist – Respiratory").
	specialties []string
	// words are the profession's own vocabulary, mixed into its sentences.
	words []string
	// ksf are the KSF specific dimensions its roles usually require, most usual first.
	ksf []string
}

// Generic title patterns by Career Framework level: {N} is the practitioner noun, {F} the field
// (capitalised where it starts the title).
var clinicalTitles = map[int][]string{
	1: {"{F} cadet", "Trainee {f} assistant", "{F} apprentice"},
	2: {"{F} assistant", "{F} support worker", "Healthcare assistant, {f}"},
	3: {"Senior {f} assistant", "Senior {f} support worker", "{F} technical instructor"},
	4: {"Assistant practitioner, {f}", "{F} associate practitioner", "Senior {f} technical instructor"},
	5: {"{N}", "Rotational {n}", "{N}"},
	6: {"Senior {n}", "Specialist {n}", "{F} team leader"},
	7: {"Advanced practitioner, {f}", "Clinical specialist {n}", "Highly specialist {n}", "Lead {n}"},
	8: {"Consultant {n}", "Head of {f}", "Professional lead for {f}"},
	9: {"Director of {f}", "Chief {n}", "Associate director of {f}"},
}

var adminTitles = map[int][]string{
	1: {"{F} apprentice", "Trainee {f} clerk"},
	2: {"{F} clerk", "{F} assistant"},
	3: {"{F} administrator", "{F} coordinator"},
	4: {"Senior {f} administrator", "{F} officer"},
	5: {"{N}", "{F} officer"},
	6: {"Senior {n}", "{F} team leader"},
	7: {"{F} manager", "Lead {n}"},
	8: {"Head of {f}", "Deputy director of {f}"},
	9: {"Director of {f}", "Chief {n}"},
}

var estatesTitles = map[int][]string{
	1: {"{F} assistant", "Trainee {f} operative"},
	2: {"{F} operative", "{F} assistant"},
	3: {"Senior {f} operative", "{F} supervisor"},
	4: {"{F} technician", "{F} team leader"},
	5: {"{N}", "{F} officer"},
	6: {"Senior {n}", "{F} manager"},
	7: {"Head of {f}"},
	8: {"Associate director of {f}"},
	9: {"Director of {f}"},
}

var scientificTitles = map[int][]string{
	1: {"Trainee {f} assistant"},
	2: {"{F} assistant", "Laboratory support worker, {f}"},
	3: {"Senior {f} assistant", "{F} associate"},
	4: {"Associate practitioner, {f}", "Trainee {n}"},
	5: {"{N}", "Registered {n}"},
	6: {"Specialist {n}", "Senior {n}"},
	7: {"Advanced {n}", "Principal {n}", "Lead {n}"},
	8: {"Consultant {n}", "Head of {f}", "Clinical scientist lead, {f}"},
	9: {"Director of {f}", "Chief {n}"},
}

var professions = []profession{
	// Nursing and midwifery.
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Adult nursing",
		field: "nursing", noun: "nurse", kind: clinical, minLevel: 1, maxLevel: 9, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 14,
		titles: map[int][]string{
			2: {"Healthcare assistant", "Nursing assistant", "Clinical support worker"},
			3: {"Senior healthcare assistant", "Senior clinical support worker"},
			4: {"Nursing associate", "Assistant practitioner, nursing"},
			5: {"Staff nurse", "Registered nurse", "Rotational staff nurse"},
			6: {"Senior staff nurse", "Charge nurse", "Ward sister", "Clinical nurse specialist"},
			7: {"Advanced nurse practitioner", "Matron", "Lead nurse", "Clinical nurse specialist"},
			8: {"Consultant nurse", "Head of nursing", "Deputy chief nurse"},
			9: {"Director of nursing", "Chief nurse"},
		},
		specialties: []string{"Acute medicine", "Respiratory", "Cardiology", "Older people", "Emergency department", "Surgery",
			"Critical care", "Stroke", "Oncology", "Diabetes", "Theatres", "Orthopaedics", "Gastroenterology", "Renal",
			"Infection prevention", "Tissue viability", "Endoscopy", "Palliative care", "Haematology", "Neurology",
			"Sexual health", "Ophthalmology", "Dermatology", "Urology", "Rheumatology", "Vascular", "Hepatology"},
		words: []string{"wound care", "observations", "medicines rounds", "pressure area care", "fluid balance", "NEWS2 scores",
			"falls prevention", "nutrition and hydration", "catheter care", "venepuncture", "cannulation", "discharge planning",
			"tracheostomy care", "blood transfusion", "syringe drivers", "sepsis screening"},
		ksf: []string{"hwb5", "hwb2", "hwb6", "hwb7", "hwb3", "hwb9", "g1"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Children's nursing",
		field: "children's nursing", noun: "children's nurse", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 3,
		titles: map[int][]string{
			5: {"Staff nurse, children's", "Registered children's nurse"},
			6: {"Senior children's nurse", "Paediatric clinical nurse specialist"},
			7: {"Advanced paediatric nurse practitioner", "Matron, children's services"},
		},
		specialties: []string{"Children's ward", "Neonatal", "Paediatric intensive care", "Children's community", "Paediatric diabetes",
			"Child safeguarding", "Paediatric oncology", "Paediatric epilepsy", "Cystic fibrosis"},
		words: []string{"family-centred care", "growth and development", "play", "child protection", "immunisations",
			"paediatric early warning scores", "transition to adult services", "school nursing"},
		ksf: []string{"hwb5", "hwb2", "hwb3", "hwb6", "hwb4", "hwb7"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Mental health nursing",
		field: "mental health", noun: "mental health nurse", kind: clinical, minLevel: 2, maxLevel: 9, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 5,
		titles: map[int][]string{
			2: {"Mental health support worker", "Healthcare assistant, mental health"},
			5: {"Community mental health nurse", "Staff nurse, mental health"},
			6: {"Senior mental health nurse", "Care coordinator"},
			7: {"Advanced practitioner, mental health", "Approved mental health professional", "Ward manager, mental health"},
		},
		specialties: []string{"Crisis resolution", "Home treatment", "Dementia", "Early intervention in psychosis", "Eating disorders",
			"Forensic", "Perinatal mental health", "CAMHS", "Substance misuse", "Liaison psychiatry", "Personality disorder"},
		words: []string{"risk formulation", "de-escalation", "the Mental Health Act 1983", "care programme approach",
			"recovery-focused care", "psychosocial interventions", "depot injections", "cognitive behavioural therapy",
			"relapse prevention", "suicide prevention"},
		ksf: []string{"hwb2", "hwb3", "hwb4", "hwb6", "hwb7", "hwb5"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Learning disability nursing",
		field: "learning disability", noun: "learning disability nurse", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 1,
		specialties: []string{"Community team", "Acute liaison", "Positive behaviour support", "Autism", "Epilepsy"},
		words: []string{"reasonable adjustments", "easy read information", "positive behaviour support plans", "health action plans",
			"annual health checks", "communication passports"},
		ksf: []string{"hwb4", "hwb2", "hwb3", "hwb5", "hwb6"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Community nursing",
		field: "community nursing", noun: "community nurse", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 3,
		titles: map[int][]string{
			6: {"District nursing sister", "Community nursing team leader", "Senior community nurse"},
			7: {"Community matron", "Advanced practitioner, community"},
		},
		specialties: []string{"District nursing", "Continence", "Heart failure", "Leg ulcer", "Lymphoedema", "Frailty", "Respiratory",
			"Diabetes", "End of life care"},
		words: []string{"home visits", "caseload management", "leg ulcer management", "Doppler assessment", "anticipatory medicines",
			"admission avoidance", "long-term condition reviews", "compression therapy"},
		ksf: []string{"hwb5", "hwb2", "hwb4", "hwb6", "hwb7", "hwb10"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Midwifery",
		field: "midwifery", noun: "midwife", kind: clinical, minLevel: 2, maxLevel: 9, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 3,
		titles: map[int][]string{
			2: {"Maternity care assistant", "Maternity support worker"},
			3: {"Senior maternity support worker"},
			4: {"Maternity assistant practitioner"},
			5: {"Midwife", "Registered midwife"},
			6: {"Senior midwife", "Community midwife", "Specialist midwife"},
			7: {"Delivery suite coordinator", "Matron, maternity", "Consultant midwife"},
			8: {"Head of midwifery", "Consultant midwife"},
			9: {"Director of midwifery"},
		},
		specialties: []string{"Labour ward", "Antenatal clinic", "Postnatal ward", "Community midwifery", "Fetal medicine",
			"Bereavement", "Infant feeding", "Perinatal mental health", "Continuity of carer", "Screening"},
		words: []string{"antenatal care", "intrapartum care", "postnatal care", "fetal monitoring", "CTG interpretation",
			"newborn examination", "breastfeeding support", "birth plans", "obstetric emergencies", "Saving Babies' Lives"},
		ksf: []string{"hwb5", "hwb2", "hwb6", "hwb7", "hwb3", "hwb4"}},
	{group: "Nursing and Midwifery Registered", supportGroup: "Additional Clinical Services", name: "Research nursing",
		field: "research", noun: "research nurse", kind: clinical, minLevel: 3, maxLevel: 8, registered: true, regulator: "Nursing and Midwifery Council (NMC)", weight: 1,
		titles: map[int][]string{
			3: {"Clinical research assistant", "Research support worker"},
			4: {"Clinical research associate practitioner", "Research assistant practitioner"},
			5: {"Research nurse", "Clinical research nurse"},
			6: {"Senior research nurse", "Research sister"},
			7: {"Lead research nurse", "Research matron"},
			8: {"Head of research delivery", "Consultant research nurse"},
		},
		specialties: []string{"Oncology trials", "Vaccine studies", "Paediatric research", "Cardiovascular trials", "Dementia research",
			"Early phase trials", "Commercial studies", "Rare diseases"},
		words: []string{"informed consent", "study protocols", "case report forms", "adverse event reporting", "recruitment to time and target",
			"Good Clinical Practice", "sample processing", "study set-up", "participant follow-up", "investigational medicinal products"},
		ksf: []string{"hwb6", "hwb7", "ik3", "ik2", "hwb8", "g2"}},

	// Allied health professions.
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Physiotherapy",
		field: "physiotherapy", noun: "physiotherapist", kind: clinical, minLevel: 2, maxLevel: 9, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 4,
		specialties: []string{"Respiratory", "Musculoskeletal", "Neurology", "Orthopaedics", "Stroke", "Critical care", "Paediatrics",
			"Women's health", "Pain management", "Cardiac rehabilitation", "Amputee rehabilitation", "Falls"},
		words: []string{"rehabilitation", "exercise programmes", "mobility", "chest physiotherapy", "gait analysis", "manual therapy",
			"hydrotherapy", "splinting", "vestibular rehabilitation", "acupuncture", "pulmonary rehabilitation", "musculoskeletal triage"},
		ksf: []string{"hwb6", "hwb7", "hwb4", "hwb2", "hwb9", "hwb5"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Occupational therapy",
		field: "occupational therapy", noun: "occupational therapist", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 3,
		specialties: []string{"Mental health", "Neurology", "Hand therapy", "Reablement", "Paediatrics", "Older people", "Vocational rehabilitation",
			"Acute medicine", "Learning disabilities"},
		words: []string{"activities of daily living", "home assessments", "equipment provision", "functional assessment", "seating and posture",
			"cognitive assessment", "sensory integration", "vocational rehabilitation", "adaptations", "hand therapy"},
		ksf: []string{"hwb4", "hwb6", "hwb7", "hwb9", "hwb2"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Speech and language therapy",
		field: "speech and language therapy", noun: "speech and language therapist", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		specialties: []string{"Dysphagia", "Paediatrics", "Stroke", "Voice", "Head and neck cancer", "Autism", "Stammering", "Learning disabilities"},
		words: []string{"swallowing assessment", "dysphagia", "aphasia", "communication aids", "videofluoroscopy", "voice therapy",
			"language development", "augmentative and alternative communication"},
		ksf: []string{"hwb6", "hwb7", "hwb4", "hwb2"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Dietetics",
		field: "dietetics", noun: "dietitian", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		specialties: []string{"Diabetes", "Renal", "Enteral feeding", "Paediatrics", "Gastroenterology", "Oncology", "Weight management", "Food allergy"},
		words: []string{"nutritional assessment", "enteral feeding", "parenteral nutrition", "malnutrition screening", "dietary advice",
			"carbohydrate counting", "ketogenic diets", "MUST screening"},
		ksf: []string{"hwb6", "hwb7", "hwb4", "hwb10", "hwb1"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Diagnostic radiography",
		field: "radiography", noun: "radiographer", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 2,
		specialties: []string{"CT", "MRI", "Ultrasound", "Mammography", "Interventional radiology", "Nuclear medicine", "Plain film", "Fluoroscopy"},
		words: []string{"imaging examinations", "radiation protection", "IR(ME)R regulations", "image reporting", "contrast media",
			"sonography", "image quality", "PACS"},
		ksf: []string{"hwb8", "hwb9", "hwb6", "hwb3", "hwb7"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Paramedic science",
		field: "paramedic", noun: "paramedic", kind: clinical, minLevel: 3, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 2,
		titles: map[int][]string{
			3: {"Emergency care assistant", "Ambulance care assistant"},
			4: {"Emergency medical technician", "Associate ambulance practitioner"},
			5: {"Paramedic", "Newly qualified paramedic"},
			6: {"Specialist paramedic", "Paramedic team leader"},
			7: {"Advanced paramedic", "Critical care paramedic"},
			8: {"Consultant paramedic", "Head of clinical operations"},
		},
		specialties: []string{"Urgent care", "Critical care", "Hazardous area response", "Clinical hub", "Primary care", "Emergency operations centre"},
		words: []string{"pre-hospital care", "emergency calls", "airway management", "trauma care", "defibrillation", "clinical triage",
			"see and treat", "major incidents", "cardiac arrest"},
		ksf: []string{"hwb7", "hwb6", "hwb5", "hwb3", "hwb9"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Podiatry",
		field: "podiatry", noun: "podiatrist", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		specialties: []string{"Diabetic foot", "Musculoskeletal", "Nail surgery", "High risk foot", "Biomechanics"},
		words:       []string{"foot ulcers", "nail surgery", "orthoses", "biomechanical assessment", "diabetic foot screening", "gait analysis"},
		ksf:         []string{"hwb6", "hwb7", "hwb10", "hwb4"}},
	{group: "Allied Health Professionals", supportGroup: "Additional Clinical Services", name: "Operating department practice",
		field: "theatre", noun: "operating department practitioner", kind: clinical, minLevel: 2, maxLevel: 8, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		specialties: []string{"Anaesthetics", "Scrub", "Recovery", "Day surgery", "Obstetric theatres", "Cardiothoracic"},
		words: []string{"perioperative care", "anaesthetic assistance", "surgical scrub", "post-anaesthetic care", "WHO surgical safety checklist",
			"instrument decontamination", "airway equipment"},
		ksf: []string{"hwb7", "hwb9", "hwb5", "hwb3"}},

	// Healthcare scientists.
	{group: "Healthcare Scientists", name: "Biomedical science",
		field: "biomedical science", noun: "biomedical scientist", kind: scientific, minLevel: 2, maxLevel: 9, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 3,
		specialties: []string{"Blood sciences", "Microbiology", "Cellular pathology", "Haematology", "Blood transfusion", "Clinical chemistry",
			"Immunology", "Virology", "Cytology"},
		words: []string{"laboratory analysers", "specimen reception", "quality control", "UKAS accreditation", "LIMS", "blood film examination",
			"antimicrobial susceptibility testing", "histological sections", "cross-matching", "point of care testing", "ISO 15189"},
		ksf: []string{"hwb8", "hwb9", "ik2", "hwb10", "ik3"}},
	{group: "Healthcare Scientists", name: "Cardiac physiology",
		field: "cardiac physiology", noun: "cardiac physiologist", kind: scientific, minLevel: 2, maxLevel: 8, registered: false, weight: 1,
		specialties: []string{"Echocardiography", "Cardiac rhythm management", "Cardiac catheterisation", "Exercise testing", "Ambulatory monitoring"},
		words: []string{"ECG recording", "echocardiograms", "pacemaker follow-up", "Holter monitoring", "exercise tolerance tests",
			"device interrogation"},
		ksf: []string{"hwb8", "hwb9", "hwb6"}},
	{group: "Healthcare Scientists", name: "Audiology",
		field: "audiology", noun: "audiologist", kind: scientific, minLevel: 2, maxLevel: 8, registered: false, weight: 1,
		specialties: []string{"Adult hearing", "Paediatric audiology", "Balance", "Cochlear implants", "Tinnitus", "Newborn hearing screening"},
		words:       []string{"hearing assessment", "hearing aids", "tinnitus management", "vestibular assessment", "audiograms", "ear impressions"},
		ksf:         []string{"hwb8", "hwb9", "hwb6", "hwb7"}},
	{group: "Healthcare Scientists", name: "Medical physics",
		field: "medical physics", noun: "clinical scientist", kind: scientific, minLevel: 3, maxLevel: 9, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		specialties: []string{"Radiotherapy physics", "Nuclear medicine", "Radiation protection", "MRI physics", "Clinical engineering"},
		words: []string{"dosimetry", "treatment planning", "radiation safety", "equipment commissioning", "quality assurance of imaging equipment",
			"linear accelerators"},
		ksf: []string{"hwb8", "hwb9", "ik2", "ik3", "g2"}},

	// Additional professional, scientific and technical.
	{group: "Additional Professional Scientific and Technical", name: "Pharmacy",
		field: "pharmacy", noun: "pharmacist", kind: clinical, minLevel: 2, maxLevel: 9, registered: true, regulator: "General Pharmaceutical Council (GPhC)", weight: 3,
		titles: map[int][]string{
			2: {"Pharmacy assistant", "Pharmacy support worker"},
			3: {"Senior pharmacy assistant", "Dispensary assistant"},
			4: {"Pharmacy technician", "Medicines management technician"},
			5: {"Pharmacist", "Rotational pharmacist"},
			6: {"Specialist pharmacist", "Senior pharmacist"},
			7: {"Advanced pharmacist", "Lead pharmacist"},
			8: {"Consultant pharmacist", "Chief pharmacist"},
			9: {"Director of pharmacy"},
		},
		specialties: []string{"Antimicrobials", "Oncology", "Paediatrics", "Critical care", "Medicines information", "Aseptic services",
			"Mental health", "Anticoagulation", "Clinical trials"},
		words: []string{"medicines reconciliation", "dispensing", "controlled drugs", "antimicrobial stewardship", "independent prescribing",
			"aseptic preparation", "formulary management", "medication reviews", "drug interactions"},
		ksf: []string{"hwb10", "hwb7", "hwb6", "ik3", "g2"}},
	{group: "Additional Professional Scientific and Technical", name: "Clinical psychology",
		field: "psychology", noun: "clinical psychologist", kind: clinical, minLevel: 3, maxLevel: 9, registered: true, regulator: "Health and Care Professions Council (HCPC)", weight: 1,
		titles: map[int][]string{
			3: {"Assistant psychologist"},
			4: {"Psychological wellbeing practitioner", "Trainee clinical psychologist"},
			5: {"Psychological therapist", "High intensity therapist"},
			6: {"Clinical psychologist", "Counselling psychologist"},
			7: {"Principal clinical psychologist", "Senior clinical psychologist"},
			8: {"Consultant clinical psychologist", "Head of psychology"},
			9: {"Director of psychological services"},
		},
		specialties: []string{"Adult mental health", "Child and adolescent", "Neuropsychology", "Health psychology", "Older adults", "Trauma"},
		words: []string{"psychological formulation", "neuropsychological assessment", "cognitive behavioural therapy", "EMDR",
			"psychological therapies", "clinical supervision", "outcome measures"},
		ksf: []string{"hwb6", "hwb7", "hwb4", "hwb2"}},
	{group: "Additional Professional Scientific and Technical", name: "Clinical research",
		field: "clinical research", noun: "clinical research practitioner", kind: scientific, minLevel: 2, maxLevel: 8, registered: false, weight: 2,
		titles: map[int][]string{
			2: {"Research administrator", "Clinical trials assistant"},
			3: {"Clinical trials coordinator", "Research assistant"},
			4: {"Associate clinical research practitioner", "Data manager, clinical trials"},
			5: {"Clinical research practitioner", "Clinical trials practitioner"},
			6: {"Senior clinical research practitioner", "Clinical trials manager"},
			7: {"Lead clinical research practitioner", "Research delivery manager"},
			8: {"Head of clinical research delivery"},
		},
		specialties: []string{"Oncology", "Cardiovascular", "Respiratory", "Mental health", "Paediatrics", "Dementia", "Vaccines", "Genomics"},
		words: []string{"study protocols", "informed consent", "case report forms", "site files", "data queries", "Good Clinical Practice",
			"participant recruitment", "trial master files", "EDGE", "monitoring visits", "IRAS submissions"},
		ksf: []string{"ik3", "ik2", "g2", "hwb6", "ik1"}},

	// Medical and dental (not on Agenda for Change: no band).
	{group: "Medical and Dental", name: "Medicine",
		field: "medicine", noun: "doctor", kind: medical, minLevel: 5, maxLevel: 9, registered: true, regulator: "General Medical Council (GMC)", weight: 8,
		titles: map[int][]string{
			5: {"Foundation year 1 doctor", "Foundation year 2 doctor", "Clinical fellow"},
			6: {"Specialty registrar", "Core trainee", "Specialty doctor"},
			7: {"Specialist doctor", "Senior clinical fellow", "Associate specialist"},
			8: {"Consultant", "Consultant physician", "Consultant surgeon"},
			9: {"Medical director", "Clinical director", "Deputy medical director"},
		},
		specialties: []string{"General medicine", "Anaesthetics", "Emergency medicine", "General surgery", "Paediatrics", "Psychiatry",
			"Cardiology", "Geriatric medicine", "Obstetrics and gynaecology", "Radiology", "Histopathology", "Respiratory medicine",
			"Gastroenterology", "Oncology", "Trauma and orthopaedics", "Neurology", "Haematology", "Palliative medicine",
			"Rheumatology", "Dermatology", "Infectious diseases", "Clinical genetics"},
		words: []string{"ward rounds", "clinical diagnosis", "prescribing", "outpatient clinics", "on-call rota", "morbidity and mortality meetings",
			"clinical audit", "teaching medical students", "multidisciplinary team meetings", "consent for procedures", "revalidation"},
		ksf: []string{"hwb6", "hwb7", "hwb8", "hwb2", "hwb10"}},

	// Administrative and clerical: levels are indicative.
	{group: "Administrative and Clerical", name: "Administration",
		field: "administration", noun: "administrator", kind: admin, minLevel: 1, maxLevel: 6, weight: 8,
		titles: map[int][]string{
			2: {"Ward clerk", "Receptionist", "Administrative assistant", "Clinic clerk"},
			3: {"Medical secretary", "Administrator", "Patient pathway coordinator"},
			4: {"Senior medical secretary", "Team administrator", "Booking team leader"},
			5: {"Office manager", "Patient access supervisor"},
			6: {"Patient access manager", "Administration manager"},
		},
		specialties: []string{"Outpatients", "Medicine", "Surgery", "Radiology", "Maternity", "Children's services", "Community services",
			"Mental health", "Cancer services", "Therapies"},
		words: []string{"clinic letters", "patient appointments", "referral to treatment pathways", "dictation", "the patient administration system",
			"diary management", "minute taking", "waiting list validation", "medical records", "switchboard calls"},
		ksf: []string{"ik1", "ik2", "g1", "g4", "ik3"}},
	{group: "Administrative and Clerical", name: "Finance",
		field: "finance", noun: "accountant", kind: admin, minLevel: 2, maxLevel: 9, weight: 2,
		titles: map[int][]string{
			2: {"Finance assistant", "Accounts payable clerk"},
			3: {"Finance officer", "Payroll officer"},
			4: {"Senior finance officer", "Payroll team leader"},
			5: {"Management accountant", "Financial accountant"},
			6: {"Senior management accountant", "Costing accountant"},
			7: {"Finance manager", "Head of costing"},
			8: {"Deputy director of finance", "Head of financial management"},
			9: {"Director of finance", "Chief finance officer"},
		},
		specialties: []string{"Management accounts", "Financial accounts", "Payroll", "Costing", "Procurement", "Income and contracts"},
		words: []string{"budgets", "month-end reporting", "invoices", "payroll queries", "cost improvement programmes", "financial forecasts",
			"VAT returns", "capital programmes", "Standing Financial Instructions", "patient-level costing"},
		ksf: []string{"g1", "g2", "ik2", "ik3", "g4"}},
	{group: "Administrative and Clerical", name: "Human resources",
		field: "human resources", noun: "HR adviser", kind: admin, minLevel: 2, maxLevel: 9, weight: 2,
		titles: map[int][]string{
			2: {"HR assistant", "Recruitment assistant"},
			3: {"HR administrator", "Recruitment officer"},
			4: {"HR officer", "Medical staffing officer"},
			5: {"HR adviser", "Workforce information analyst"},
			6: {"Senior HR adviser", "HR business partner"},
			7: {"HR manager", "Head of recruitment", "Workforce planning lead"},
			8: {"Deputy director of workforce", "Head of organisational development"},
			9: {"Director of people", "Chief people officer"},
		},
		specialties: []string{"Recruitment", "Employee relations", "Medical staffing", "Workforce planning", "Organisational development",
			"Education and training", "Health and wellbeing"},
		words: []string{"recruitment campaigns", "employee relations cases", "job evaluation", "ESR", "workforce plans", "sickness absence",
			"appraisal rates", "Agenda for Change terms and conditions", "TRAC", "organisational change", "freedom to speak up"},
		ksf: []string{"g6", "g7", "g1", "ik2", "c2"}},
	{group: "Administrative and Clerical", name: "Information and analytics",
		field: "information", noun: "information analyst", kind: admin, minLevel: 3, maxLevel: 8, weight: 2,
		titles: map[int][]string{
			3: {"Data quality officer", "Information assistant"},
			4: {"Information officer", "Coding clerk"},
			5: {"Information analyst", "Clinical coder", "Data analyst"},
			6: {"Senior information analyst", "Business intelligence developer"},
			7: {"Principal analyst", "Head of clinical coding", "Information manager"},
			8: {"Head of business intelligence", "Chief clinical information officer"},
		},
		specialties: []string{"Performance", "Clinical coding", "Business intelligence", "Data warehousing", "Population health", "Data quality"},
		words: []string{"SQL", "dashboards", "data quality reports", "national returns", "statistical process control", "the data warehouse",
			"ICD-10 and OPCS-4 coding", "Power BI", "R and Python", "SNOMED CT", "population health analysis"},
		ksf: []string{"ik1", "ik2", "ik3", "g2", "g1"}},
	{group: "Administrative and Clerical", name: "Digital services",
		field: "digital", noun: "software developer", kind: admin, minLevel: 2, maxLevel: 9, weight: 1,
		titles: map[int][]string{
			2: {"IT service desk analyst", "IT apprentice"},
			3: {"IT support analyst", "Desktop engineer"},
			4: {"Senior IT support analyst", "Network technician"},
			5: {"Software developer", "Systems analyst", "Network engineer"},
			6: {"Senior software developer", "Cyber security analyst", "Infrastructure engineer"},
			7: {"Digital project manager", "Solutions architect", "Lead developer"},
			8: {"Head of digital services", "Chief technology officer"},
			9: {"Chief digital information officer"},
		},
		specialties: []string{"Electronic patient record", "Infrastructure", "Cyber security", "Service desk", "Integration", "Clinical systems"},
		words: []string{"the electronic patient record", "HL7 and FHIR interfaces", "cyber security", "the service desk", "cloud infrastructure",
			"user acceptance testing", "ITIL", "Data Security and Protection Toolkit", "single sign-on", "clinical safety standards DCB0129"},
		ksf: []string{"ik1", "ik2", "g2", "g1", "ik3"}},
	{group: "Administrative and Clerical", name: "Research management and governance",
		field: "research governance", noun: "research governance officer", kind: admin, minLevel: 3, maxLevel: 9, weight: 1,
		titles: map[int][]string{
			3: {"Research administrator", "R&D assistant"},
			4: {"R&D officer", "Research finance officer"},
			5: {"Research governance officer", "Research facilitator"},
			6: {"Senior research governance officer", "Research contracts manager"},
			7: {"Research and development manager", "Research portfolio manager"},
			8: {"Head of research and development", "Associate director of research"},
			9: {"Director of research and innovation"},
		},
		specialties: []string{"Sponsorship", "Contracts", "Study set-up", "Research finance", "Grants", "Innovation"},
		words: []string{"research approvals", "capacity and capability review", "sponsorship agreements", "research contracts", "grant applications",
			"the UK Policy Framework for Health and Social Care Research", "research finance", "study feasibility", "HRA approval"},
		ksf: []string{"g2", "ik3", "ik2", "g1", "c4"}},
	{group: "Administrative and Clerical", name: "Management",
		field: "operations", noun: "service manager", kind: admin, minLevel: 5, maxLevel: 9, weight: 3,
		titles: map[int][]string{
			5: {"Assistant service manager", "Project support officer"},
			6: {"Service manager", "Project manager"},
			7: {"General manager", "Programme manager", "Senior service manager"},
			8: {"Associate director of operations", "Divisional director of operations", "Head of transformation"},
			9: {"Chief operating officer", "Director of strategy", "Chief executive"},
		},
		specialties: []string{"Medicine", "Surgery", "Women and children", "Clinical support services", "Community services", "Transformation",
			"Elective recovery", "Urgent and emergency care"},
		words: []string{"operational performance", "elective recovery", "capacity and demand", "business cases", "service transformation",
			"quality improvement", "risk registers", "governance meetings", "stakeholder engagement", "waiting times"},
		ksf: []string{"g6", "g7", "g1", "g2", "c4"}},

	// Estates and ancillary: levels are indicative.
	{group: "Estates and Ancillary", name: "Estates",
		field: "estates", noun: "estates officer", kind: estates, minLevel: 2, maxLevel: 9, weight: 2,
		titles: map[int][]string{
			2: {"Estates assistant", "Maintenance assistant"},
			3: {"Electrician", "Plumber", "Maintenance craftsperson"},
			4: {"Maintenance technician", "Building services supervisor"},
			5: {"Estates officer", "Building services engineer"},
			6: {"Senior estates officer", "Estates manager"},
			7: {"Head of estates", "Capital projects manager"},
			8: {"Associate director of estates"},
			9: {"Director of estates and facilities"},
		},
		specialties: []string{"Building services", "Capital projects", "Electrical", "Mechanical", "Fire safety", "Sustainability"},
		words: []string{"planned preventive maintenance", "Health Technical Memoranda", "water safety", "fire safety checks", "medical gases",
			"permit to work", "building management systems", "backlog maintenance", "net zero"},
		ksf: []string{"ef1", "ef2", "ef3", "g1", "c3"}},
	{group: "Estates and Ancillary", name: "Facilities",
		field: "facilities", noun: "facilities officer", kind: estates, minLevel: 1, maxLevel: 7, weight: 3,
		titles: map[int][]string{
			1: {"Domestic assistant", "Catering assistant"},
			2: {"Porter", "Housekeeper", "Cook", "Security officer", "Linen assistant"},
			3: {"Senior porter", "Chef", "Domestic supervisor", "Housekeeping supervisor"},
			4: {"Portering team leader", "Catering supervisor", "Facilities supervisor"},
			5: {"Facilities officer", "Catering manager"},
			6: {"Facilities manager", "Soft services manager"},
			7: {"Head of facilities"},
		},
		specialties: []string{"Catering", "Domestic services", "Portering", "Security", "Linen and laundry", "Waste management", "Car parking"},
		words: []string{"patient meals", "cleaning schedules", "National Standards of Healthcare Cleanliness", "waste segregation", "patient moves",
			"linen supplies", "food hygiene", "COSHH", "manual handling", "spill kits"},
		ksf: []string{"ef1", "ef2", "ef3", "c3", "g1"}},
}

// Shared sentence vocabulary, most common first.
var (
	clinicalVerbs = []string{"assesses", "plans", "delivers", "supports", "monitors", "reviews", "evaluates", "documents",
		"coordinates", "leads", "supervises", "escalates", "educates", "refers", "advises", "administers", "prescribes",
		"triages", "audits", "champions"}
	clinicalObjects = []string{"care", "patient care", "treatment plans", "care plans", "observations", "medicines", "risk assessments",
		"discharge plans", "clinical records", "referrals", "safeguarding concerns", "pain management", "infection prevention and control",
		"nutritional needs", "health promotion", "personal care", "clinical incidents", "handovers", "patient feedback",
		"self-management plans", "end of life care", "advance care plans", "specimens", "clinical audits"}
	populations = []string{"patients", "adults", "older people", "children and young people", "families and carers",
		"people with long-term conditions", "service users", "women and birthing people", "people with learning disabilities",
		"people experiencing homelessness", "veterans", "people in contact with the criminal justice system"}
	// conditions are the long tail: rare diseases appear in few roles.
	conditions = []string{"diabetes", "heart failure", "COPD", "dementia", "stroke", "cancer", "frailty", "asthma", "sepsis",
		"chronic kidney disease", "obesity", "hypertension", "depression", "anxiety", "delirium", "falls", "epilepsy",
		"Parkinson's disease", "multiple sclerosis", "rheumatoid arthritis", "atrial fibrillation", "osteoporosis",
		"motor neurone disease", "cystic fibrosis", "bronchiectasis", "sickle cell disease", "lymphoedema", "psoriasis",
		"coeliac disease", "Crohn's disease", "pulmonary fibrosis", "endometriosis", "myasthenia gravis", "sarcoidosis",
		"thalassaemia", "scleroderma", "Huntington's disease", "Guillain-Barré syndrome", "haemophilia", "Ehlers-Danlos syndrome",
		"phenylketonuria", "Addison's disease", "acromegaly", "Wilson's disease"}
	settings = []string{"on the ward", "in the community", "in outpatient clinics", "in patients' homes", "in the emergency department",
		"across the integrated care system", "in primary care", "in theatres", "in the day unit", "in care homes", "in schools",
		"in the virtual ward", "in prisons"}
	colleagues = []string{"the multidisciplinary team", "the nurse in charge", "the clinical lead", "the consultant", "the team leader",
		"the safeguarding team", "social care partners", "the GP", "the pharmacy team", "voluntary sector partners"}

	adminVerbs = []string{"manages", "coordinates", "maintains", "prepares", "processes", "organises", "reports on", "analyses",
		"schedules", "responds to", "reviews", "updates", "monitors", "develops", "leads", "negotiates", "procures", "audits"}
	adminObjects = []string{"correspondence", "the team's diary", "records", "reports", "enquiries", "budgets", "data", "meetings",
		"policies", "contracts", "rotas", "invoices", "complaints", "projects", "business cases", "board papers", "risk registers",
		"freedom of information requests", "subject access requests", "service level agreements"}
	audiences = []string{"the service", "managers", "clinical teams", "the executive team", "patients and the public", "the board",
		"commissioners", "the integrated care board", "partner organisations", "external auditors"}

	estatesVerbs   = []string{"maintains", "carries out", "inspects", "repairs", "cleans", "delivers", "records", "checks", "supervises", "plans"}
	estatesObjects = []string{"the hospital site", "wards and departments", "equipment", "plant rooms", "patient areas", "deliveries",
		"waste collections", "meals", "linen", "the vehicle fleet", "fire doors", "water outlets", "ventilation systems", "lifts"}

	// Knowledge and skills topics every role may list, most common first.
	knowledgeTopics = []string{"safeguarding adults and children", "infection prevention and control", "information governance",
		"equality, diversity and inclusion", "health and safety at work", "the NHS Constitution", "Microsoft Office",
		"clinical governance", "evidence-based practice", "quality improvement methods", "the Mental Capacity Act 2005",
		"basic life support", "manual handling", "conflict resolution", "medicines management", "the Care Act 2014",
		"motivational interviewing", "coaching and mentoring", "change management", "project management (PRINCE2)",
		"Making Every Contact Count", "duty of candour", "the Patient Safety Incident Response Framework",
		"human factors", "Lean and Six Sigma", "Schwartz rounds", "the Deprivation of Liberty Safeguards", "Caldicott principles"}
	skills = []string{"Good communication skills", "Able to work under pressure", "Good IT skills", "Able to prioritise workload",
		"Team working", "Attention to detail", "Leadership skills", "Analytical skills", "Able to teach and supervise others",
		"Negotiation and influencing skills", "Presentation skills", "Resilience and emotional intelligence", "Budget management"}
	qualityStandards = []string{"Trust policies and procedures", "Care Quality Commission fundamental standards",
		"Infection prevention and control policy", "Information governance policy", "Health and Safety at Work etc. Act 1974",
		"Safeguarding policy", "NICE guidance", "Data Protection Act 2018 and UK GDPR", "Freedom to Speak Up policy",
		"Incident reporting policy", "Equality Act 2010", "Mandatory training requirements", "Records management code of practice",
		"Duty of candour regulations", "Accessible Information Standard"}

	seniorityWords = map[int][]string{
		1: {"under direct supervision", "as part of a structured training programme"},
		2: {"under the supervision of registered staff", "to agreed protocols"},
		3: {"with supervision available", "within agreed protocols, using their judgement"},
		4: {"within protocols, planning their own work", "with some responsibility for supervising others"},
		5: {"independently", "with their own caseload or area of work"},
		6: {"as a team leader who takes part in service development", "as a specialist in the field"},
		7: {"at an advanced level of practice", "as a senior expert holding complex work and leading improvement"},
		8: {"as a consultant-level leader of the service", "leading strategy and service development"},
		9: {"as an executive leader accountable for the service", "setting direction for the organisation"},
	}
	// dutyVerbs introduce a profession's own words as a duty.
	dutyVerbs = []string{"carries out", "is responsible for", "contributes to", "takes part in", "leads on", "supports colleagues with",
		"keeps up to date with", "teaches others about"}

	// Organisation names are built from invented places and kinds of trust.
	placeStems = []string{"Ashby", "Bramwell", "Carrowmore", "Dunmere", "Eastleigh", "Fenwick", "Glenbrook", "Hartwell", "Ivybridge",
		"Juniper Vale", "Kingsmead", "Larkhill", "Millbrook", "Northwood", "Oakridge", "Pemberton", "Queensbury", "Ravensworth",
		"Southmoor", "Thornbury", "Upton Marsh", "Valebrook", "Westcombe", "Yarrowfield", "Ashcombe", "Briarwood", "Coldharbour",
		"Deepdale", "Elmstead", "Foxley", "Greystone", "Highcliffe", "Kestrel Bay", "Lindenford", "Marshfield", "Netherby",
		"Oldcastle", "Priory Fields", "Redhill", "Stanmore Cross", "Tidewell", "Whitmore", "Wyvern", "Brackenridge", "Cheswick"}
	placePrefixes = []string{"", "North ", "South ", "East ", "West ", "Greater ", "Central ", "Upper "}
	trustKinds    = []string{"University Hospitals NHS Foundation Trust", "Hospitals NHS Trust", "Community Health NHS Trust",
		"Mental Health NHS Foundation Trust", "Healthcare NHS Foundation Trust", "Teaching Hospitals NHS Trust",
		"Ambulance Service NHS Trust", "Care Partnership", "Primary Care Network", "Hospice"}
	serviceNames = []string{"Medicine", "Surgery", "Women and Children", "Clinical Support Services", "Community Services",
		"Mental Health", "Nursing and Midwifery", "Allied Health Professions", "Healthcare Science", "Pharmacy",
		"Research and Development", "Estates and Facilities", "Workforce and Organisational Development", "Finance",
		"Digital Services", "Corporate Services"}
	// siteWords tell apart two posts that would otherwise share a title in one organisation.
	siteWords = []string{"North", "South", "East", "West", "Central", "Community", "Inpatients", "Outpatients", "Day services",
		"Rotational", "Nights", "Weekend", "Locality 1", "Locality 2", "Locality 3", "Hub", "Satellite unit"}
)

// Names of generated people: common first names and surnames of England's population, so that
// lists look like a real workforce. Generated people are fictitious.
var (
	firstNames = []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophia", "Lily", "Emily", "Ella",
		"Freya", "Evie", "Poppy", "Chloe", "Sophie", "Jessica", "Hannah", "Sarah", "Rachel", "Emma",
		"Laura", "Rebecca", "Charlotte", "Claire", "Helen", "Joanne", "Karen", "Susan", "Julie", "Nicola",
		"Michelle", "Lisa", "Amanda", "Fatima", "Aisha", "Priya", "Ananya", "Zainab", "Maryam", "Chiamaka",
		"Ngozi", "Adaeze", "Maria", "Anna", "Agnieszka", "Joanna", "Grace", "Mercy", "Blessing", "Precious",
		"Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Jack", "Thomas", "James",
		"William", "Daniel", "David", "Michael", "Paul", "Mark", "Andrew", "Richard", "Peter", "Christopher",
		"Mohammed", "Ahmed", "Ali", "Omar", "Yusuf", "Arjun", "Rahul", "Sanjay", "Chinedu", "Emeka",
		"Tunde", "Kwame", "Piotr", "Tomasz", "Jan", "Ravi", "Samuel", "Joseph", "Benjamin", "Matthew"}
	surnames = []string{"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
		"Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
		"Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
		"Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
		"James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
		"Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
		"Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
		"Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
		"Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
		"Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Ahmed",
		"Okafor", "Adeyemi", "Mensah", "Nowak", "Kowalski", "Sharma", "Kaur", "Gill", "Shah", "Rahman",
		"Chowdhury", "Nguyen", "Chen", "Wang", "Santos", "Fernandes", "Reyes", "Garcia", "O'Brien", "Byrne"}
)
