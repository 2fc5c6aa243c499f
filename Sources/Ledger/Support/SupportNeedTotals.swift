extension SupportNeed {
    /// Every figure of `needs` added up, in the same shape (the `totals` of `report support`).
    /// No needs give all zeros.
    ///
    /// - Throws: `SupportError.overflow` naming the first total that does not fit in 64 bits.
    public static func totals(_ needs: some Sequence<SupportNeed>) throws(SupportError) -> SupportNeed {
        var total = SupportNeed.zero
        for need in needs { total = try total.adding(need) }
        return total
    }

    /// A need with every figure 0.
    public static let zero = SupportNeed(
        today: Today(flats: 0, release: 0, writedown: 0, cost: 0,
                     capacity: Capacity(untaxedReserves: 0, solidityFloor: 0, equityAboveFloor: 0, savings: 0, total: 0),
                     municipalityCap: 0, company: 0, municipality: 0, state: 0),
        future: Future(flats: 0, release: 0, writedown: 0, cost: 0, savings: 0, company: 0, municipality: 0, state: 0),
        market: Market(flats: 0, operatingCost: 0, netIncome: 0, marketValue: 0, bookValue: 0, writedownNeed: 0,
                       company: 0, municipality: 0, state: 0),
        companyCapacityLeft: 0, municipalityShareLeft: 0)

    /// This need and `other` added figure by figure.
    ///
    /// - Throws: `SupportError.overflow` naming the figure whose sum does not fit.
    public func adding(_ other: SupportNeed) throws(SupportError) -> SupportNeed {
        func sum(_ a: Int64, _ b: Int64, _ figure: String) throws(SupportError) -> Int64 {
            try SupportNeed.add(a, b, "totals." + figure)
        }
        let t = today, o = other.today
        let c = t.capacity, oc = o.capacity
        let f = future, of = other.future
        let m = market, om = other.market
        return SupportNeed(
            today: Today(
                flats: try sum(t.flats, o.flats, "today.flats"),
                release: try sum(t.release, o.release, "today.release"),
                writedown: try sum(t.writedown, o.writedown, "today.writedown"),
                cost: try sum(t.cost, o.cost, "today.cost"),
                capacity: Capacity(
                    untaxedReserves: try sum(c.untaxedReserves, oc.untaxedReserves, "today.capacity.untaxed_reserves"),
                    solidityFloor: try sum(c.solidityFloor, oc.solidityFloor, "today.capacity.solidity_floor"),
                    equityAboveFloor: try sum(c.equityAboveFloor, oc.equityAboveFloor, "today.capacity.equity"),
                    savings: try sum(c.savings, oc.savings, "today.capacity.savings"),
                    total: try sum(c.total, oc.total, "today.capacity")),
                municipalityCap: try sum(t.municipalityCap, o.municipalityCap, "municipality share"),
                company: try sum(t.company, o.company, "today.company"),
                municipality: try sum(t.municipality, o.municipality, "today.municipality"),
                state: try sum(t.state, o.state, "today.state")),
            future: Future(
                flats: try sum(f.flats, of.flats, "future.flats"),
                release: try sum(f.release, of.release, "future.release"),
                writedown: try sum(f.writedown, of.writedown, "future.writedown"),
                cost: try sum(f.cost, of.cost, "future.cost"),
                savings: try sum(f.savings, of.savings, "future.savings"),
                company: try sum(f.company, of.company, "future.company"),
                municipality: try sum(f.municipality, of.municipality, "future.municipality"),
                state: try sum(f.state, of.state, "future.state")),
            market: Market(
                flats: try sum(m.flats, om.flats, "market.flats"),
                operatingCost: try sum(m.operatingCost, om.operatingCost, "market.operating_cost"),
                netIncome: try sum(m.netIncome, om.netIncome, "market.net_income"),
                marketValue: try sum(m.marketValue, om.marketValue, "market.market_value"),
                bookValue: try sum(m.bookValue, om.bookValue, "market.book_value"),
                writedownNeed: try sum(m.writedownNeed, om.writedownNeed, "market.writedown_need"),
                company: try sum(m.company, om.company, "market.company"),
                municipality: try sum(m.municipality, om.municipality, "market.municipality"),
                state: try sum(m.state, om.state, "market.state")),
            companyCapacityLeft: try sum(companyCapacityLeft, other.companyCapacityLeft, "company capacity left"),
            municipalityShareLeft: try sum(municipalityShareLeft, other.municipalityShareLeft, "municipality share left"))
    }
}
