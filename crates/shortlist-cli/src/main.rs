fn main() {
    println!("shortlist");
}
