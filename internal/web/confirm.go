package web

// confirmView is the page that asks before something is deleted or removed (the "confirm"
// page): what will go, and a button that posts to Action. Blocked explains why it cannot go
// instead, without the button.
type confirmView struct {
	Page
	Caption string
	Heading string
	Warning string // what cannot be undone
	Blocked string // why it cannot be done now ("" when it can)
	Action  string // the form's action
	Version int    // the version seen, sent back so a stale confirmation is refused (0: none)
	Label   string // the checkbox's label
	Button  string
	Cancel  string // where Cancel goes
}
